package io.cacheweaver.runtime.metrics;

import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.runtime.CacheRuntime;
import io.cacheweaver.runtime.jmx.AgentMXBean;
import io.cacheweaver.runtime.jmx.CacheMXBean;
import io.cacheweaver.runtime.jmx.HttpMXBean;
import io.cacheweaver.runtime.jmx.RuleMXBean;
import io.cacheweaver.runtime.jmx.Views;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The figures of every cache and rule in force, in Prometheus text format, read through the same
 * views as the MBeans (contract §11: the same numbers as JMX). Series exist, at 0, from the moment
 * their cache or rule is loaded. Besides the families named in §11, every other whole-number
 * attribute of the Cache and Rule MBeans becomes a counter ({@code Refreshes} →
 * {@code cacheweaver_cache_refreshes_total}), so a counter added to the MBeans is exported without
 * touching this class.
 */
public final class MetricsExport {
    /** Histogram bucket bounds, in seconds: 100 µs to 10 s. */
    static final double[] BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
            1, 2.5, 5, 10};
    /** Cache attributes exported under the names §11 gives them, not as generic counters. */
    private static final Set<String> NAMED = Set.of("CacheGets", "CacheHits", "CacheMisses", "LocalHits", "RemoteHits",
            "CachePuts", "CacheRemovals", "CacheEvictions", "LocalSize", "RemoteErrors");
    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("Invocations", "calls of the methods the rule instruments, including calls its when: bypassed"),
            Map.entry("CacheHits", "calls answered from the cache"),
            Map.entry("CacheMisses", "calls that found nothing in the cache"),
            Map.entry("Loads", "misses that ran the method and returned normally"),
            Map.entry("LoadFailures", "misses whose method threw (nothing cached)"),
            Map.entry("StaleStoresDropped", "loaded values not stored because the key was written while they loaded"),
            Map.entry("Refreshes", "refresh-ahead reloads that stored a new value (refreshAfter)"),
            Map.entry("RefreshFailures", "refresh-ahead reloads that threw; the old value stayed"),
            Map.entry("StaleServed", "calls answered with a value past its ttl because the load failed or timed out (staleIfError)"),
            Map.entry("SoftTimeouts", "loads that did not finish within loadTimeout"),
            Map.entry("ShadowHits", "mode: shadow: calls that would have been hits, mismatches included"),
            Map.entry("ShadowMismatches", "mode: shadow: would-be hits whose cached value differed from the method's result"),
            Map.entry("TagEvictions", "tags evicted by this instance (evict rules with tags, JMX invalidateTag)"),
            Map.entry("ExternalInvalidations", "invalidation messages in the documented JSON format applied"),
            Map.entry("InvalidationsDeferred", "invalidations made while Redis was unreachable, remembered for replay"),
            Map.entry("InvalidationsReplayed", "remembered invalidations applied to Redis and broadcast once it was back"),
            Map.entry("InvalidationMessagesRejected", "messages on the invalidation channel that were not valid invalidations"),
            Map.entry("PurgesSent", "CDN purge POSTs answered with 2xx"),
            Map.entry("PurgeFailures", "failed CDN purge POST attempts, retries included"),
            Map.entry("Responses", "responses the http: rule added caching headers to, 304s included"),
            Map.entry("NotModified", "304 Not Modified answers sent instead of a body"),
            Map.entry("BytesSaved", "body bytes not sent thanks to those 304s"));

    private static final List<Method> CACHE_COUNTERS = counters(CacheMXBean.class, NAMED);
    private static final List<Method> RULE_COUNTERS = counters(RuleMXBean.class, Set.of());
    private static final List<Method> AGENT_COUNTERS = counters(AgentMXBean.class, Set.of());
    private static final List<Method> HTTP_COUNTERS = counters(HttpMXBean.class, Set.of());

    private final CacheRuntime runtime;

    public MetricsExport(CacheRuntime runtime) {
        this.runtime = runtime;
    }

    /** The whole page, {@code GET /metrics}. */
    public String scrape() {
        PrometheusText text = new PrometheusText();
        List<String> caches = new ArrayList<>(runtime.rules().caches().keySet());
        List<String> remoteCaches = caches.stream().filter(this::remote).toList();
        List<CacheMXBean> cacheViews = caches.stream().map(name -> Views.cache(runtime, name)).toList();
        List<String> rules = runtime.rules().rules().stream().map(Rule::id).toList();
        List<RuleMXBean> ruleViews = rules.stream().map(id -> Views.rule(runtime, id)).toList();

        text.family("cacheweaver_cache_gets_total", "counter", "cache lookups by outcome (JMX CacheHits, CacheMisses)");
        for (int i = 0; i < caches.size(); i++) {
            text.sample("cacheweaver_cache_gets_total", cacheViews.get(i).getCacheHits(), "cache", caches.get(i), "result", "hit");
            text.sample("cacheweaver_cache_gets_total", cacheViews.get(i).getCacheMisses(), "cache", caches.get(i), "result", "miss");
        }
        text.family("cacheweaver_cache_hits_total", "counter", "hits by the layer that answered (JMX LocalHits, RemoteHits)");
        for (int i = 0; i < caches.size(); i++) {
            text.sample("cacheweaver_cache_hits_total", cacheViews.get(i).getLocalHits(), "cache", caches.get(i), "layer", "local");
            text.sample("cacheweaver_cache_hits_total", cacheViews.get(i).getRemoteHits(), "cache", caches.get(i), "layer", "remote");
        }
        perCache(text, "cacheweaver_cache_puts_total", "values stored (JMX CachePuts)", caches, cacheViews, CacheMXBean::getCachePuts);
        perCache(text, "cacheweaver_cache_removals_total", "entries removed by evict rules or JMX (JMX CacheRemovals)", caches,
                cacheViews, CacheMXBean::getCacheRemovals);
        perCache(text, "cacheweaver_cache_evictions_total", "entries the local layer dropped for size or expiry (JMX CacheEvictions)",
                caches, cacheViews, CacheMXBean::getCacheEvictions);
        text.family("cacheweaver_cache_size", "gauge", "entries in the local layer now (JMX LocalSize)");
        for (int i = 0; i < caches.size(); i++) {
            text.sample("cacheweaver_cache_size", cacheViews.get(i).getLocalSize(), "cache", caches.get(i), "layer", "local");
        }
        text.family("cacheweaver_remote_errors_total", "counter", "failed or undecodable Redis calls (JMX RemoteErrors)");
        for (int i = 0; i < caches.size(); i++) {
            if (remote(caches.get(i))) {
                text.sample("cacheweaver_remote_errors_total", cacheViews.get(i).getRemoteErrors(), "cache", caches.get(i));
            }
        }
        for (Method counter : CACHE_COUNTERS) {
            String name = "cacheweaver_cache_" + snake(counter) + "_total";
            perCache(text, name, help(counter, "Cache"), caches, cacheViews, view -> read(counter, view));
        }
        for (Method counter : RULE_COUNTERS) {
            String name = "cacheweaver_rule_" + snake(counter) + "_total";
            text.family(name, "counter", help(counter, "Rule"));
            for (int i = 0; i < rules.size(); i++) {
                text.sample(name, read(counter, ruleViews.get(i)), "rule", rules.get(i));
            }
        }
        AgentMXBean agent = Views.agent(runtime); // invalidation (§7) and CDN purge (§9) counters of the whole agent
        for (Method counter : AGENT_COUNTERS) {
            String name = "cacheweaver_agent_" + snake(counter) + "_total";
            text.family(name, "counter", help(counter, "Agent"));
            text.sample(name, read(counter, agent));
        }
        List<String> httpRules = runtime.rules().http().rules().stream().map(io.cacheweaver.rules.http.HttpRule::id).toList();
        for (Method counter : HTTP_COUNTERS) { // §9, one series per http: rule
            String name = "cacheweaver_http_" + snake(counter) + "_total";
            text.family(name, "counter", help(counter, "Http"));
            for (String id : httpRules) {
                text.sample(name, read(counter, Views.http(id)), "rule", id);
            }
        }
        text.family("cacheweaver_load_duration_seconds", "histogram", "how long loads (misses that ran the method) took, per rule");
        for (String rule : rules) {
            histogram(text, "cacheweaver_load_duration_seconds", Views.loadTimes(runtime, rule), "rule", rule);
        }
        text.family("cacheweaver_remote_duration_seconds", "histogram", "how long Redis calls took, per cache and operation");
        for (String cache : remoteCaches) {
            Map<String, LatencyHistogram> byOperation = runtime.remote().timings().of(cache);
            for (String op : byOperation.keySet().stream().sorted().toList()) {
                histogram(text, "cacheweaver_remote_duration_seconds", byOperation.get(op).snapshot(), "cache", cache, "op", op);
            }
        }
        return text.toString();
    }

    private boolean remote(String cache) {
        CacheSpec spec = runtime.rules().cache(cache);
        return spec != null && spec.usesRedis() && runtime.remote() != null && runtime.remote().timings() != null;
    }

    private static void perCache(PrometheusText text, String name, String help, List<String> caches, List<CacheMXBean> views,
                                 ToLongFunction<CacheMXBean> figure) {
        text.family(name, "counter", help);
        for (int i = 0; i < caches.size(); i++) {
            text.sample(name, figure.applyAsLong(views.get(i)), "cache", caches.get(i));
        }
    }

    /** Cumulative buckets (each counts every event at or below its bound), then sum and count. */
    private static void histogram(PrometheusText text, String name, LatencyHistogram.Snapshot snapshot, String... labels) {
        String[] withLe = Arrays.copyOf(labels, labels.length + 2);
        withLe[labels.length] = "le";
        long previous = 0;
        for (double bound : BUCKETS) {
            withLe[labels.length + 1] = PrometheusText.format(bound);
            previous = Math.max(previous, snapshot.countAtMost((long) (bound * 1e9)));
            text.sample(name + "_bucket", previous, withLe);
        }
        withLe[labels.length + 1] = "+Inf";
        text.sample(name + "_bucket", snapshot.count(), withLe);
        text.sample(name + "_sum", snapshot.sumNanos() / 1e9, labels);
        text.sample(name + "_count", snapshot.count(), labels);
    }

    /** Whole-number attributes of an MBean interface not in {@code skip}, by name. */
    private static List<Method> counters(Class<?> mbean, Set<String> skip) {
        return Arrays.stream(mbean.getMethods())
                .filter(m -> m.getName().startsWith("get") && m.getParameterCount() == 0 && m.getReturnType() == long.class)
                .filter(m -> !skip.contains(m.getName().substring(3)))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }

    private static long read(Method getter, Object view) {
        try {
            return (long) getter.invoke(view);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return 0;
        }
    }

    /** {@code getStaleStoresDropped} → {@code stale_stores_dropped}. */
    static String snake(Method getter) {
        String attribute = getter.getName().substring(3);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < attribute.length(); i++) {
            char c = attribute.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    private static String help(Method getter, String type) {
        String attribute = getter.getName().substring(3);
        return HELP.getOrDefault(attribute, "see the JMX attribute") + " (JMX io.cacheweaver:type=" + type + " " + attribute + ")";
    }
}
