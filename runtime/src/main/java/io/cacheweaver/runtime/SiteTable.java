package io.cacheweaver.runtime;

import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.runtime.expr.CompileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Every site the weaver has registered, and the compiled handler of each. Owns three things the
 * dispatch path must not care about: site ids (one per rule, method and class loader, kept
 * across retransformations), the policy that a method has at most one cache rule, and compiling
 * a site lazily against the rules in force, again after each {@link #swap}.
 *
 * <p>The dispatch path reads {@link #handlers} and nothing else: one volatile array read.
 */
public final class SiteTable {
    /** The rules in force and the caches built for them, swapped as one so a compile never mixes two reloads. */
    private record InForce(RulesFile rules, Map<String, Rule> byId, Map<String, TieredCache> caches) {
        static InForce of(RulesFile rules, Map<String, TieredCache> caches) {
            Map<String, Rule> byId = new HashMap<>();
            for (Rule rule : rules.rules()) {
                byId.put(rule.id(), rule);
            }
            return new InForce(rules, Map.copyOf(byId), caches);
        }
    }

    /** A site's identity short of its class loader, which is compared by reference. */
    private record MethodUnderRule(WeaveKey key, String declaringClass, String method, String descriptor) {
        static MethodUnderRule of(WeaveKey key, MethodShape shape) {
            return new MethodUnderRule(key, shape.declaringClass(), shape.name(), shape.descriptor());
        }

        // written out for the reason WeaveKey's are: no ObjectMethods bootstrap at startup
        @Override
        public boolean equals(Object other) {
            return other instanceof MethodUnderRule that && key.equals(that.key) && Objects.equals(declaringClass, that.declaringClass)
                    && Objects.equals(method, that.method) && Objects.equals(descriptor, that.descriptor);
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, declaringClass, method, descriptor);
        }
    }

    private final Object lock = new Object();
    /** Held while a site compiles; never taken by {@link #register}, see {@link #compile}. */
    private final Object compiling = new Object();
    private final long loadWaitNanos;
    private final List<Site> sites = new ArrayList<>();                     // guarded by lock
    private final Map<MethodUnderRule, List<Site>> byMethod = new HashMap<>(); // guarded by lock
    /** Indexed by site id. Replaced, never written in place, and only under lock. */
    volatile SiteHandler[] handlers = new SiteHandler[0];
    private volatile InForce inForce;
    /** Set by the runtime right after construction, before any site compiles. */
    volatile TagInvalidation tagInvalidation;

    SiteTable(RulesFile rules, Map<String, TieredCache> caches, long loadWaitNanos) {
        this.inForce = InForce.of(rules, caches);
        this.loadWaitNanos = loadWaitNanos;
    }

    /**
     * What the first {@link #register} and the first local cache pay once per JVM, paid here
     * instead: called by the agent on a thread of its own while premain reads the rules, so that
     * neither the thread building the runtime nor the application thread that loads the first
     * woven class runs it (issue 17). The records' equals and hashCode bootstraps
     * ({@code java.lang.runtime.ObjectMethods}), the site compiler's classes, a site's histogram,
     * and a Caffeine cache as the local layer builds it (≈ 80 classes, and the JDK's logging,
     * which Caffeine's first cache initializes). Needs no rules; registers nothing.
     */
    public static void warmUp() {
        WeaveKey key = new WeaveKey("warm-up", "warm-up", true);
        Map<MethodUnderRule, Site> probe = new HashMap<>();
        probe.put(new MethodUnderRule(key, "", "", ""), null); // hashCode
        probe.remove(new MethodUnderRule(key, "", "", ""));    // equals
        new SiteCounters("warm-up"); // the histogram (HdrHistogram) behind a site's load times
        LocalLayer local = new LocalLayer(16);
        local.put(key, new LocalEntry(key, TimeUnit.MINUTES.toNanos(1)));
        local.get(key);
        try {
            Class.forName(SiteCompiler.class.getName(), true, SiteTable.class.getClassLoader());
        } catch (ClassNotFoundException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Registers a method woven for a rule and returns its site id; the same method under the same
     * {@link WeaveKey}, in the same class loader (a class retransformed again), keeps its id.
     * Throws when the rule cannot apply to the method, with a message naming what is available.
     */
    public int register(Rule rule, MethodShape shape) throws CompileException {
        SiteCompiler.checkShape(rule, shape);
        WeaveKey key = WeaveKey.of(rule);
        synchronized (lock) {
            List<Site> same = byMethod.computeIfAbsent(MethodUnderRule.of(key, shape), k -> new ArrayList<>(1));
            for (Site site : same) {
                if (site.sameMethod(shape)) {
                    return site.id();
                }
            }
            if (key.skipsBody()) {
                rejectSecondCacheRule(rule, shape);
            }
            int id = sites.size();
            Site site = new Site(id, key, shape, new SiteCounters(rule.id()));
            sites.add(site);
            same.add(site);
            SiteHandler[] grown = Arrays.copyOf(handlers, id + 1);
            grown[id] = new LazySite(id);
            handlers = grown;
            return id;
        }
    }

    /**
     * One method, one cache-aside rule: two would each decide whether the body runs, and the
     * outcome would depend on weaving order. put and evict rules may be stacked freely. A site
     * whose rule is gone or re-targeted no longer counts.
     */
    private void rejectSecondCacheRule(Rule rule, MethodShape shape) throws CompileException {
        Map<String, Rule> current = inForce.byId();
        for (Site site : sites) {
            if (site.key().skipsBody() && !site.ruleId().equals(rule.id()) && site.sameMethod(shape)
                    && site.serves(current.get(site.ruleId()))) {
                throw new CompileException("the method is already cached by rule " + site.ruleId()
                        + "; a method can have one cache rule (put and evict rules may be added freely)");
            }
        }
    }

    /**
     * Puts new rules and their caches in force: every site compiles again on its next call, and
     * a site whose rule is gone or re-targeted passes through from then on.
     */
    void swap(RulesFile rules, Map<String, TieredCache> caches) {
        synchronized (lock) {
            inForce = InForce.of(rules, caches);
            SiteHandler[] fresh = new SiteHandler[sites.size()];
            for (int i = 0; i < fresh.length; i++) {
                fresh[i] = new LazySite(i);
            }
            handlers = fresh;
        }
    }

    RulesFile rules() {
        return inForce.rules();
    }

    Map<String, TieredCache> caches() {
        return inForce.caches();
    }

    List<Site> all() {
        synchronized (lock) {
            return List.copyOf(sites);
        }
    }

    /** The rule id a site was woven for, for messages; {@code "?"} for an id never handed out. */
    String ruleOf(int id) {
        synchronized (lock) {
            return id >= 0 && id < sites.size() ? sites.get(id).ruleId() : "?";
        }
    }

    /**
     * Compiles a site on its first call, when its class is certainly loaded. Not under {@link #lock}:
     * compiling loads classes (the method's own, its parameters'), and a thread loading one of those
     * holds that class's loading lock while the weaver registers its sites under {@code lock};
     * taking the two in opposite orders deadlocks. {@link #compiling} keeps it to one compile at a
     * time; the result is installed under {@code lock} unless a reload swapped the handlers
     * meanwhile, and then the site compiles again against the new rules.
     */
    private SiteHandler compile(int id) {
        synchronized (compiling) {
            while (true) {
                SiteHandler stub = handlers[id];
                if (!(stub instanceof LazySite)) {
                    return stub; // another thread compiled it meanwhile
                }
                Site site;
                InForce now;
                synchronized (lock) {
                    site = sites.get(id);
                    now = inForce;
                }
                SiteHandler handler = build(site, now);
                synchronized (lock) {
                    if (handlers[id] == stub) {
                        SiteHandler[] updated = handlers.clone();
                        updated[id] = handler;
                        handlers = updated;
                        return handler;
                    }
                }
            }
        }
    }

    private SiteHandler build(Site site, InForce now) {
        Rule rule = now.byId().get(site.ruleId());
        if (!site.serves(rule)) {
            return SiteHandler.PASS_THROUGH;
        }
        try {
            SiteHandler handler = SiteCompiler.compile(rule, site.shape(), rule.cache() == null ? null : now.caches().get(rule.cache()),
                    site.counters(), loadWaitNanos);
            handler.tags = TagRenderer.compile(rule, site.shape());
            handler.tagInvalidation = tagInvalidation;
            return handler;
        } catch (CompileException | RuntimeException | LinkageError e) {
            String key = e instanceof CompileException compile ? compile.yamlKey() : null;
            AgentLog.error("rule " + rule.id() + " (" + rule.position(key) + "): cannot apply to "
                    + site.shape().display() + ": " + e.getMessage() + "; the method runs uncached");
            return SiteHandler.PASS_THROUGH;
        }
    }

    /** Stands in for a site until its first call compiles it. */
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
        Object enter1(Object self, Object argument) {
            return compile(id).enter1(self, argument);
        }

        @Override
        Object enter2(Object self, Object first, Object second) {
            return compile(id).enter2(self, first, second);
        }

        @Override
        Object enter3(Object self, Object first, Object second, Object third) {
            return compile(id).enter3(self, first, second, third);
        }

        @Override
        Object enter2L(Object self, long first, Object second) {
            return compile(id).enter2L(self, first, second);
        }

        @Override
        Object enter3L(Object self, long first, Object second, Object third) {
            return compile(id).enter3L(self, first, second, third);
        }

        @Override
        void exit(Object token, Object result, Throwable thrown) {
            // never reached: tokens name the compiled handler that produced them
        }
    }
}
