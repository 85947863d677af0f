package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.Dispatcher;
import io.cacheweaver.rules.Action;
import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.runtime.expr.CompileException;
import io.cacheweaver.runtime.remote.RemoteLayer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runtime behind the bridge. Each woven (rule, method) pair is a <em>site</em> with a stable
 * int id baked into the bytecode; the site's compiled behaviour sits in an array indexed by that
 * id, so the hot path is one array read and no lookup by name. A rules reload swaps the
 * compiled handlers without touching bytecode.
 */
public final class CacheRuntime implements Dispatcher {
    /** How long a caller waits for another thread's load of the same key before running the method itself. */
    public static final Duration DEFAULT_LOAD_WAIT = Duration.ofSeconds(5);

    private final Object lock = new Object();
    private final long loadWaitNanos;
    private final List<Site> sites = new ArrayList<>();               // guarded by lock
    private final Map<String, Integer> siteIds = new HashMap<>();      // guarded by lock
    private volatile SiteHandler[] handlers = new SiteHandler[0];
    private volatile RulesFile rules;
    private volatile Map<String, Rule> rulesById;
    private volatile Map<String, TieredCache> caches;
    private final RemoteLayer remote;

    /** One woven method under one rule. */
    public record Site(int id, String ruleId, String selector, Action action, MethodShape shape, SiteCounters counters) {
        /**
         * A reloaded rule keeps a site only while it selects the same methods with the same kind of
         * advice (cache-aside advice can skip the body; put/evict advice cannot).
         */
        public boolean serves(Rule rule) {
            return rule.id().equals(ruleId) && rule.method().text().equals(selector)
                    && (rule.action() == Action.CACHE) == (action == Action.CACHE);
        }
    }

    public CacheRuntime(RulesFile rules) {
        this(rules, DEFAULT_LOAD_WAIT);
    }

    public CacheRuntime(RulesFile rules, Duration loadWait) {
        this(rules, loadWait, null);
    }

    /** {@code remote}: the shared layer, or {@code null} when the rules configure no Redis. */
    public CacheRuntime(RulesFile rules, Duration loadWait, RemoteLayer remote) {
        this.loadWaitNanos = loadWait.toNanos();
        this.remote = remote;
        this.rules = rules;
        this.rulesById = indexRules(rules);
        this.caches = buildCaches(rules, Map.of(), remote, Set.of());
        if (remote != null) {
            remote.onInvalidation(new LocalInvalidations(() -> this.caches)); // other instances' writes reach our local layers
        }
    }

    public RemoteLayer remote() {
        return remote;
    }

    /**
     * Registers a woven method for a rule and returns its site id; the same method under the same
     * rule (a class retransformed again) keeps its id. Throws when the rule cannot apply to the
     * method, with a message naming what is available.
     */
    public int register(Rule rule, MethodShape shape) throws CompileException {
        SiteCompiler.checkShape(rule, shape);
        ClassLoader loader = shape.loader() == null ? null : shape.loader().get();
        // the selector and advice kind are part of the identity: a rule whose selector changed is
        // retransformed and must get a fresh site, not the stale one that now passes through
        String identity = rule.id() + "|" + rule.method().text() + "|" + (rule.action() == Action.CACHE)
                + "|" + shape.declaringClass() + "#" + shape.name() + shape.descriptor()
                + "@" + System.identityHashCode(loader);
        synchronized (lock) {
            Integer existing = siteIds.get(identity);
            if (existing != null) {
                return existing;
            }
            if (rule.action() == Action.CACHE) {
                rejectSecondCacheRule(rule, shape, loader);
            }
            int id = sites.size();
            sites.add(new Site(id, rule.id(), rule.method().text(), rule.action(), shape, new SiteCounters(rule.id())));
            siteIds.put(identity, id);
            SiteHandler[] grown = Arrays.copyOf(handlers, id + 1);
            grown[id] = new LazySite(id);
            handlers = grown;
            return id;
        }
    }

    /**
     * One method, one cache-aside rule: two would each decide whether the body runs, and the
     * outcome would depend on weaving order. put and evict rules may be stacked freely.
     */
    private void rejectSecondCacheRule(Rule rule, MethodShape shape, ClassLoader loader) throws CompileException {
        for (Site site : sites) {
            MethodShape other = site.shape();
            if (site.action() == Action.CACHE && !site.ruleId().equals(rule.id()) && rulesById.containsKey(site.ruleId())
                    && other.declaringClass().equals(shape.declaringClass()) && other.name().equals(shape.name())
                    && other.descriptor().equals(shape.descriptor())
                    && (other.loader() == null ? null : other.loader().get()) == loader) {
                throw new CompileException("the method is already cached by rule " + site.ruleId()
                        + "; a method can have one cache rule (put and evict rules may be added freely)");
            }
        }
    }

    /** The checks {@link #register} makes, for tools that only want to know (the validate command). */
    public static void checkApplicable(Rule rule, MethodShape shape) throws CompileException {
        SiteCompiler.checkShape(rule, shape);
    }

    @Override
    public Object enter(int site, Object self, Object[] args) {
        SiteHandler[] current = handlers;
        if (site < 0 || site >= current.length) {
            return null;
        }
        try {
            return current[site].enter(self, args);
        } catch (Throwable t) {
            reportFailure(site, t);
            return null;
        }
    }

    @Override
    public Object enter1(int site, Object self, Object argument) {
        SiteHandler[] current = handlers;
        if (site < 0 || site >= current.length) {
            return null;
        }
        try {
            return current[site].enter1(self, argument);
        } catch (Throwable t) {
            reportFailure(site, t);
            return null;
        }
    }

    @Override
    public void exit(int site, Object token, Object result, Throwable thrown) {
        if (!(token instanceof SiteHandler.Token own)) {
            return;
        }
        try {
            own.handler.exit(token, result, thrown);
        } catch (Throwable t) {
            reportFailure(site, t);
        }
    }

    @Override
    public Object complete(int site, Object token, Object result, Throwable thrown) {
        if (!(token instanceof SiteHandler.Token own)) {
            return null;
        }
        try {
            return own.handler.complete(token, result, thrown);
        } catch (Throwable t) {
            reportFailure(site, t);
            return null;
        }
    }

    /** Applies new rules: same targets, new settings. Sites whose rule is gone run uncached. */
    public void reload(RulesFile newRules) {
        synchronized (lock) {
            this.caches = buildCaches(newRules, caches, remote, CacheWriters.changed(rules, newRules));
            this.rules = newRules;
            this.rulesById = indexRules(newRules);
            SiteHandler[] fresh = new SiteHandler[sites.size()];
            for (int i = 0; i < fresh.length; i++) {
                fresh[i] = new LazySite(i);
            }
            handlers = fresh;
        }
    }

    public RulesFile rules() {
        return rules;
    }

    public Map<String, TieredCache> caches() {
        return caches;
    }

    public List<Site> sites() {
        synchronized (lock) {
            return List.copyOf(sites);
        }
    }

    private void reportFailure(int site, Throwable t) {
        String rule = siteRule(site);
        AgentLog.warnRateLimited("site-failure-" + site, "rule " + rule + ": internal error, the call ran uncached: "
                + t.getClass().getName() + (AgentLog.isDebug() ? ": " + t.getMessage() : ""));
    }

    private String siteRule(int site) {
        synchronized (lock) {
            return site < sites.size() ? sites.get(site).ruleId() : "?";
        }
    }

    /** Compiles a site on its first call, when its class is certainly loaded. */
    private SiteHandler compile(int id) {
        synchronized (lock) {
            SiteHandler current = handlers[id];
            if (!(current instanceof LazySite)) {
                return current; // another thread compiled it meanwhile
            }
            Site site = sites.get(id);
            Rule rule = rulesById.get(site.ruleId());
            SiteHandler handler = SiteHandler.PASS_THROUGH;
            if (rule != null && site.serves(rule)) {
                try {
                    handler = SiteCompiler.compile(rule, site.shape(), caches.get(rule.cache()), site.counters(), loadWaitNanos);
                } catch (CompileException | RuntimeException | LinkageError e) {
                    AgentLog.error("rule " + rule.id() + " (" + rule.position() + "): cannot apply to "
                            + site.shape().display() + ": " + e.getMessage() + "; the method runs uncached");
                }
            }
            SiteHandler[] updated = handlers.clone();
            updated[id] = handler;
            handlers = updated;
            return handler;
        }
    }

    private final class LazySite extends SiteHandler {
        private final int id;

        LazySite(int id) {
            this.id = id;
        }

        @Override
        Object enter(Object self, Object[] args) {
            return compile(id).enter(self, args);
        }

        @Override
        void exit(Object token, Object result, Throwable thrown) {
            // never reached: tokens name the compiled handler that produced them
        }
    }

    private static Map<String, Rule> indexRules(RulesFile rules) {
        Map<String, Rule> byId = new HashMap<>();
        for (Rule rule : rules.rules()) {
            byId.put(rule.id(), rule);
        }
        return byId;
    }

    /**
     * Keeps a cache's entries across a reload when its settings did not change and no rule writes
     * it differently ({@code rekeyed}): entries written under an old key or value template must not
     * be served under the new one. In-flight loads finish into the discarded instance.
     */
    private static Map<String, TieredCache> buildCaches(RulesFile rules, Map<String, TieredCache> previous, RemoteLayer remote,
                                                       Set<String> rekeyed) {
        Map<String, TieredCache> built = new LinkedHashMap<>();
        for (CacheSpec spec : rules.caches().values()) {
            TieredCache old = previous.get(spec.name());
            built.put(spec.name(), old != null && old.spec().equals(spec) && !rekeyed.contains(spec.name()) ? old : new TieredCache(spec, remote));
        }
        return Map.copyOf(built);
    }
}
