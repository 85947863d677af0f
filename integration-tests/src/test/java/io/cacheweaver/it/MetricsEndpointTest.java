package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.LiveApp;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /metrics from a forked JVM running the agent jar: valid Prometheus text, the same numbers as JMX. */
class MetricsEndpointTest {
    @TempDir
    Path dir;

    static final String RULES = JmxTest.RULES.replace("caches:", """
            metrics:
              prometheus: { port: 0 }
            caches:""");
    /** Cache attributes §11 exports under names of their own; every other whole-number attribute is {@code cacheweaver_cache_<name>_total}. */
    private static final Map<String, String> CACHE_SERIES = Map.of(
            "CacheHits", "cacheweaver_cache_gets_total|result=hit",
            "CacheMisses", "cacheweaver_cache_gets_total|result=miss",
            "LocalHits", "cacheweaver_cache_hits_total|layer=local",
            "RemoteHits", "cacheweaver_cache_hits_total|layer=remote",
            "CachePuts", "cacheweaver_cache_puts_total|",
            "CacheRemovals", "cacheweaver_cache_removals_total|",
            "CacheEvictions", "cacheweaver_cache_evictions_total|",
            "LocalSize", "cacheweaver_cache_size|layer=local");

    @Test
    void metricsAreValidPrometheusTextAndMatchJmx() throws Exception {
        Path rules = RulesFiles.write(dir, RULES);
        try (LiveJvm app = LiveJvm.start("rules=" + rules, List.of("-Dcacheweaver.jmx.delay=100ms"), LiveApp.class)) {
            app.await("the metrics endpoint", () -> app.output().contains("Prometheus endpoint at"));
            int port = PrometheusPage.portFrom(app.output());
            PrometheusPage empty = PrometheusPage.scrape(port);
            assertEquals(1.0, empty.value("cacheweaver_cache_puts_total", "cache", "items"), "describe(0) at startup: one put");
            assertEquals(0.0, empty.value("cacheweaver_rule_loads_total", "rule", "title"), "series exist at 0 before any call");

            app.calls("describe", 1); // miss
            app.calls("describe", 1); // hit
            app.calls("describe", 2); // miss
            app.calls("title", 3);    // miss
            app.calls("title", 3);    // hit
            PrometheusPage page = PrometheusPage.scrape(port);
            assertEquals("text/plain; version=0.0.4; charset=utf-8", page.contentType);
            assertEquals(2.0, page.value("cacheweaver_cache_gets_total", "cache", "items", "result", "hit"));
            assertEquals(4.0, page.value("cacheweaver_cache_gets_total", "cache", "items", "result", "miss"));
            assertEquals(4.0, page.value("cacheweaver_cache_size", "cache", "items", "layer", "local"));
            assertEquals("counter", page.types.get("cacheweaver_cache_gets_total"));
            assertEquals("gauge", page.types.get("cacheweaver_cache_size"));
            assertEquals("histogram", page.types.get("cacheweaver_load_duration_seconds"));
            assertTrue(!page.text.contains("cacheweaver_remote_errors_total{"), "no remote series without the Redis layer");

            MBeanServerConnection jmx = app.jmx();
            String cache = "io.cacheweaver:type=Cache,name=items";
            app.await("the Cache MBean", () -> JmxTest.registered(jmx, cache));
            int compared = 0;
            for (MBeanAttributeInfo attribute : jmx.getMBeanInfo(new ObjectName(cache)).getAttributes()) {
                if (!attribute.getType().equals("long") || attribute.getName().equals("CacheGets")
                        || attribute.getName().equals("RemoteErrors")) {
                    continue;
                }
                String[] series = CACHE_SERIES.getOrDefault(attribute.getName(),
                        "cacheweaver_cache_" + snake(attribute.getName()) + "_total|").split("\\|", -1);
                String[] labels = series[1].isEmpty() ? new String[] {"cache", "items"}
                        : new String[] {"cache", "items", series[1].split("=")[0], series[1].split("=")[1]};
                assertEquals(((Long) JmxTest.attr(jmx, cache, attribute.getName())).doubleValue(), page.value(series[0], labels),
                        attribute.getName());
                compared++;
            }
            for (String rule : List.of("describe", "title")) {
                String name = "io.cacheweaver:type=Rule,name=" + rule;
                for (MBeanAttributeInfo attribute : jmx.getMBeanInfo(new ObjectName(name)).getAttributes()) {
                    if (attribute.getType().equals("long")) {
                        assertEquals(((Long) JmxTest.attr(jmx, name, attribute.getName())).doubleValue(),
                                page.value("cacheweaver_rule_" + snake(attribute.getName()) + "_total", "rule", rule),
                                rule + " " + attribute.getName());
                        compared++;
                    }
                }
                // histogram: cumulative buckets, +Inf = count = Loads, a positive sum
                List<Double> buckets = page.buckets("cacheweaver_load_duration_seconds", "rule", rule);
                assertEquals(17, buckets.size(), "16 bounds and +Inf");
                for (int i = 1; i < buckets.size(); i++) {
                    assertTrue(buckets.get(i) >= buckets.get(i - 1), "cumulative: " + buckets);
                }
                double loads = ((Long) JmxTest.attr(jmx, name, "Loads")).doubleValue();
                assertEquals(loads, buckets.get(buckets.size() - 1));
                assertEquals(loads, page.value("cacheweaver_load_duration_seconds_count", "rule", rule));
                assertTrue(page.value("cacheweaver_load_duration_seconds_sum", "rule", rule) > 0);
                assertTrue((Double) JmxTest.attr(jmx, name, "LoadTimeP99") >= (Double) JmxTest.attr(jmx, name, "LoadTimeP50"));
                assertTrue((Double) JmxTest.attr(jmx, name, "LoadTimeP50") > 0);
            }
            assertTrue(compared >= 20, "compared " + compared + " figures");
        }
    }

    @Test
    void aPortInUseCostsOneLineAndNothingElse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path rules = RulesFiles.write(dir, JmxTest.RULES.replace("caches:", "metrics:\n  prometheus: { port: "
                    + taken.getLocalPort() + " }\ncaches:"));
            try (LiveJvm app = LiveJvm.start("rules=" + rules, List.of("-Dcacheweaver.jmx.delay=100ms"), LiveApp.class)) {
                app.await("the refusal", () -> app.output().contains("metrics: cannot serve"));
                assertTrue(app.output().contains("metrics: cannot serve Prometheus metrics on 127.0.0.1:" + taken.getLocalPort()
                        + " (java.net.BindException"), app.output());
                int before = app.calls("describe", 5);
                assertEquals(before, app.calls("describe", 5), "caching works on");
            }
        }
    }

    @Test
    void theEndpointNeverKeepsTheJvmAlive() throws Exception {
        Path rules = RulesFiles.write(dir, RULES);
        try (LiveJvm app = LiveJvm.start("rules=" + rules, List.of("-Dcacheweaver.jmx.delay=100ms"), LiveApp.class)) {
            app.await("the metrics endpoint", () -> app.output().contains("Prometheus endpoint at"));
            PrometheusPage.scrape(PrometheusPage.portFrom(app.output())); // its threads have served a request
            assertTrue(app.quitAndAwaitExit(20), "the JVM ends when main returns:\n" + app.output());
        }
    }

    static String snake(String attribute) {
        return attribute.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
