package io.cacheweaver.runtime;

import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.expr.Node;
import java.time.Duration;

/**
 * {@code mode: shadow} (contract §11): the method always runs and its result is always returned.
 * The cache is consulted as a live rule would consult it (local, then Redis; no waiting on other
 * loads), results are stored as the rule would store them, and a would-be hit is compared with
 * what the method returned: a way to try a rule in production before trusting it. Switching a
 * rule between shadow and live is a rules reload: the advice is the same, only this handler differs.
 *
 * <p>Counting: a would-be hit is a {@code ShadowHit} (not a {@code CacheHit}: nothing was answered
 * from the cache); a call that found nothing is a miss and a load, as in live mode.
 */
final class ShadowHandler extends SiteHandler {
    private final String ruleId;
    private final TieredCache cache;
    private final KeyTemplate key;
    private final Node when;
    private final Node unless;
    private final Duration ttl;
    private final Reader reader;

    ShadowHandler(String ruleId, TieredCache cache, KeyTemplate key, Node when, Node unless, Duration ttl, Reader reader) {
        this.ruleId = ruleId;
        this.cache = cache;
        this.key = key;
        this.when = when;
        this.unless = unless;
        this.ttl = ttl;
        this.reader = reader;
    }

    /** What enter found, for exit to compare; {@code found} is null on a would-be miss. */
    private static final class Lookup extends Token {
        final Load load;
        final LocalEntry found;
        final Object self;
        final Object[] args;

        Lookup(SiteHandler handler, Load load, LocalEntry found, Object self, Object[] args) {
            super(handler);
            this.load = load;
            this.found = found;
            this.self = self;
            this.args = args;
        }
    }

    @Override
    Object enter(Object self, Object[] args) {
        if (bypassed(when, reader.counters(), self, args)) {
            return null;
        }
        Load load = cache.begin(key.localKey(self, args, null));
        LocalEntry found = cache.shadowRead(load, reader);
        if (found == null) {
            reader.counters().misses.increment();
        }
        return new Lookup(this, load, found, self, args); // never a CacheHit: the body runs
    }

    @Override
    void exit(Object token, Object result, Throwable thrown) {
        Lookup call = (Lookup) token;
        SiteCounters counters = reader.counters();
        if (call.found != null) {
            counters.shadowHits.increment();
            if (thrown == null) {
                compare(call, result);
            }
            return;
        }
        if (thrown != null) {
            counters.loadFailures.increment(); // exceptions are never cached
            return;
        }
        long took = System.nanoTime() - call.load.startNanos;
        counters.loads.increment();
        counters.loadNanos.add(took);
        counters.loadTimes.record(took);
        boolean store = false;
        try {
            store = storable(call, result);
        } finally {
            cache.loaded(call.load, result, ttl, store);
        }
    }

    private void compare(Lookup call, Object result) {
        if (ShadowComparison.same(call.found.value, result)) {
            return;
        }
        reader.counters().shadowMismatches.increment();
        AgentLog.warnRateLimited("shadow-mismatch|" + ruleId, "rule " + ruleId + " (mode: shadow): the cached value for key "
                + KeyTemplate.text(call.load.key) + " differs from what the method returned; the entry is replaced."
                + " At most one such line per rule per minute; ShadowMismatches counts them all");
        if (storable(call, result)) {
            cache.store(call.load.key, result, ttl);
        } else {
            cache.evict(call.load.key); // the rule would not store this result: the old entry must not stay either
        }
    }

    private boolean storable(Lookup call, Object result) {
        return unless == null || !Boolean.TRUE.equals(unless.eval(call.self, call.args, result));
    }
}
