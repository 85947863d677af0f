package io.cacheweaver.runtime;

import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.expr.Node;
import java.time.Duration;

/** {@code action: cache}: answer from the cache, or let the method run once and store its result. */
final class CacheAsideHandler extends SiteHandler {
    private final TieredCache cache;
    private final KeyTemplate key;
    private final Node when;
    private final Node unless;
    private final Duration ttl;
    private final Reader reader;
    private final Revalidation revalidation; // null when the cache's entries never age

    CacheAsideHandler(TieredCache cache, KeyTemplate key, Node when, Node unless, Duration ttl, Reader reader,
                      Revalidation revalidation) {
        this.revalidation = revalidation;
        this.cache = cache;
        this.key = key;
        this.when = when;
        this.unless = unless;
        this.ttl = ttl;
        this.reader = reader;
    }

    @Override
    Object enter(Object self, Object[] args) {
        if (bypassed(when, reader.counters(), self, args)) {
            return null;
        }
        Object k = key.localKey(self, args, null);
        LocalEntry entry = cache.probe(k);
        if (entry != null && reader.fits(entry.value)) {
            if (entry.aged()) {
                return agedHit(entry, k, self, args);
            }
            reader.counters().localHits.increment();
            return entry;
        }
        return afterLocalMiss(k, self, args);
    }

    /**
     * The same for a one-parameter method, called without an argument array: when the key is
     * that argument (and there is no {@code when}), a local hit allocates nothing here.
     */
    @Override
    Object enter1(Object self, Object argument) {
        if (when != null || !key.isFirstArgument()) {
            return enter(self, new Object[] {argument});
        }
        Object k = key.localKeyOfArgument(argument);
        LocalEntry entry = cache.probe(k);
        if (entry != null && reader.fits(entry.value)) {
            if (entry.aged()) {
                return agedHit(entry, k, self, new Object[] {argument});
            }
            reader.counters().localHits.increment();
            return entry;
        }
        return afterLocalMiss(k, self, new Object[] {argument});
    }

    /**
     * The same for a two-parameter method: when the key is made of bare arguments ({@code {a},{b}},
     * the default key) and there is no {@code when}, a local hit allocates only the key.
     */
    @Override
    Object enter2(Object self, Object first, Object second) {
        if (when != null || !key.isOfArguments()) {
            return enter(self, new Object[] {first, second});
        }
        Object k = key.localKeyOfArguments(first, second, null);
        LocalEntry entry = cache.probe(k);
        return isFreshHit(entry) ? entry : afterFreshHit(entry, k, self, new Object[] {first, second});
    }

    /** {@link #enter2} for a three-parameter method. */
    @Override
    Object enter3(Object self, Object first, Object second, Object third) {
        if (when != null || !key.isOfArguments()) {
            return enter(self, new Object[] {first, second, third});
        }
        Object k = key.localKeyOfArguments(first, second, third);
        LocalEntry entry = cache.probe(k);
        return isFreshHit(entry) ? entry : afterFreshHit(entry, k, self, new Object[] {first, second, third});
    }

    /** {@link #enter2} with a {@code long} first argument, which the key keeps unboxed. */
    @Override
    Object enter2L(Object self, long first, Object second) {
        if (when != null || !key.isOfArguments()) {
            return enter(self, new Object[] {first, second});
        }
        Object k = key.localKeyOfLongFirst(first, second, null);
        LocalEntry entry = cache.probe(k);
        return isFreshHit(entry) ? entry : afterFreshHit(entry, k, self, new Object[] {first, second});
    }

    /** {@link #enter3} with a {@code long} first argument, which the key keeps unboxed. */
    @Override
    Object enter3L(Object self, long first, Object second, Object third) {
        if (when != null || !key.isOfArguments()) {
            return enter(self, new Object[] {first, second, third});
        }
        Object k = key.localKeyOfLongFirst(first, second, third);
        LocalEntry entry = cache.probe(k);
        return isFreshHit(entry) ? entry : afterFreshHit(entry, k, self, new Object[] {first, second, third});
    }

    /** A local hit that needs no refresh: counted here, answered as it is. */
    private boolean isFreshHit(LocalEntry entry) {
        if (entry != null && reader.fits(entry.value) && !entry.aged()) {
            reader.counters().localHits.increment();
            return true;
        }
        return false;
    }

    /** {@link #enter2} and the like once the local layer had no fresh hit: only now is the argument array needed. */
    private Object afterFreshHit(LocalEntry entry, Object k, Object self, Object[] args) {
        return entry != null && reader.fits(entry.value) ? agedHit(entry, k, self, args) : afterLocalMiss(k, self, args);
    }

    /**
     * Everything past a local miss, kept out of {@link #enter} so that the local-hit path stays
     * small enough for the JIT to inline into the woven method (FreqInlineSize): then the
     * advice's argument array and boxes need not be allocated on a hit.
     */
    private Object afterLocalMiss(Object k, Object self, Object[] args) {
        Object outcome = cache.read(k, reader);
        if (outcome instanceof LocalEntry entry && entry.aged()) {
            return agedHit(entry, k, self, args); // found in Redis, already due for a refresh
        }
        return outcome instanceof Load load ? new LoadToken(this, load, self, args) : outcome;
    }

    /** A hit on an entry due for a refresh or past its ttl (only in caches with freshness settings). */
    private Object agedHit(LocalEntry entry, Object k, Object self, Object[] args) {
        if (revalidation == null) {
            reader.counters().localHits.increment();
            return entry;
        }
        Object outcome = revalidation.aged(this, entry, k, self, args);
        return outcome instanceof Load load ? new LoadToken(this, load, self, args) : outcome;
    }

    @Override
    void exit(Object token, Object result, Throwable thrown) {
        complete(token, result, thrown);
    }

    /**
     * Ends a load: stores a normal result; after an exception, answers with the value it replaces
     * when there is one (staleIfError, or the old value of a refresh the caller ran), else lets
     * the exception through. An {@code Error} always gets through.
     */
    @Override
    Object complete(Object token, Object result, Throwable thrown) {
        LoadToken call = (LoadToken) token;
        Load load = call.load;
        if (thrown != null) {
            reader.counters().loadFailures.increment(); // exceptions are never cached
            cache.failed(load);
            if (load.refresh) {
                reader.counters().refreshFailures.increment();
            }
            if (load.stale == null || !(thrown instanceof Exception) || revalidation == null) {
                return null;
            }
            if (!load.refresh) {
                revalidation.staleServed("the load failed (" + thrown.getClass().getName() + ")");
            }
            return load.stale;
        }
        if (load.refresh) {
            reader.counters().refreshes.increment();
        }
        boolean store = false; // if unless cannot be evaluated, the result is not stored
        try {
            SiteCounters counters = reader.counters();
            counters.loads.increment();
            long took = System.nanoTime() - call.load.startNanos;
            counters.loadNanos.add(took);
            counters.loadTimes.record(took);
            SlowLoads.check(counters, took);
            boolean wanted = unless == null || !Boolean.TRUE.equals(unless.eval(call.self, call.args, result));
            load.tags = wanted ? tagsOf(call.self, call.args, result) : null; // tags that cannot be rendered: not stored
            store = wanted;

        } finally {
            cache.loaded(call.load, result, ttl, store);
        }
        return null;
    }
}
