package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.expr.Node;
import io.cacheweaver.runtime.local.LocalEntry;
import io.cacheweaver.runtime.metrics.SiteCounters;
import io.cacheweaver.runtime.remote.RemoteLayer;
import io.cacheweaver.runtime.remote.ValueType;
import java.time.Duration;

/** {@code action: cache}: answer from the cache, or let the method run once and store its result. */
final class CacheAsideHandler extends SiteHandler {
    private final NamedCache cache;
    private final KeyTemplate key;
    private final Node when;
    private final Node unless;
    private final Duration ttl;
    private final SiteCounters counters;
    private final Class<?> resultType; // boxed
    private final boolean primitiveResult;
    private final long loadWaitNanos;
    private final ValueType valueType;

    CacheAsideHandler(NamedCache cache, KeyTemplate key, Node when, Node unless, Duration ttl, SiteCounters counters,
                      Class<?> returnType, ValueType valueType, long loadWaitNanos) {
        this.valueType = valueType;
        this.cache = cache;
        this.key = key;
        this.when = when;
        this.unless = unless;
        this.ttl = ttl;
        this.counters = counters;
        this.primitiveResult = returnType.isPrimitive();
        this.resultType = Types.boxed(returnType);
        this.loadWaitNanos = loadWaitNanos;
    }

    @Override
    Object enter(Object self, Object[] args) {
        if (bypassed(when, counters, self, args)) {
            return null;
        }
        Object k = key.localKey(self, args, null);
        LocalEntry entry = cache.getLocal(k);
        if (entry != null && fits(entry.value)) {
            counters.localHits.increment();
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
        LocalEntry entry = cache.getLocal(k);
        if (entry != null && fits(entry.value)) {
            counters.localHits.increment();
            return entry;
        }
        return afterLocalMiss(k, self, new Object[] {argument});
    }

    /**
     * Everything past a local miss, kept out of {@link #enter} so that the local-hit path stays
     * small enough for the JIT to inline into the woven method (FreqInlineSize): then the
     * advice's argument array and boxes need not be allocated on a hit.
     */
    private Object afterLocalMiss(Object k, Object self, Object[] args) {
        long stamp = cache.writeStamp(k);
        Object seen = null;
        if (cache.hasRemote()) {
            RemoteLayer.RemoteRead read = cache.readThrough(k, valueType, stamp, this::fits);
            if (read.hit() != null) {
                counters.remoteHits.increment();
                return new CacheHit(read.hit().value());
            }
            seen = read.seen();
        }
        Flight mine = new Flight();
        Flight running = cache.flights.putIfAbsent(k, mine);
        if (running != null) {
            mine = null; // someone else loads this key (or we re-entered our own load): do not own it
            if (running.owner != Thread.currentThread()) {
                CacheHit shared = running.await(loadWaitNanos);
                if (shared != null && fits(shared.value)) {
                    counters.localHits.increment();
                    return shared;
                }
            }
        }
        if (mine != null && cache.hasRemote()) {
            // single flight across instances: maybe another JVM is loading this key right now
            RemoteLayer.RemoteHit peer = cache.awaitPeerLoad(k, valueType);
            if (peer != null && fits(peer.value())) {
                counters.remoteHits.increment();
                cache.fillLocal(k, peer.value(), stamp);
                cache.flights.remove(k, mine);
                mine.succeed(peer.value());
                return new CacheHit(peer.value());
            }
        }
        counters.misses.increment();
        return new LoadToken(this, k, mine, self, args, stamp, seen);
    }

    @Override
    void exit(Object token, Object result, Throwable thrown) {
        LoadToken load = (LoadToken) token;
        try {
            if (thrown != null) {
                counters.loadFailures.increment(); // exceptions are never cached
                return;
            }
            counters.loads.increment();
            long took = System.nanoTime() - load.startNanos;
            counters.loadNanos.add(took);
            SlowLoads.check(counters, took);
            if (unless == null || !Boolean.TRUE.equals(unless.eval(load.self, load.args, result))) {
                cache.storeLoaded(load.key, result, ttl, load.stamp, load.seen);
            }
        } finally {
            if (load.flight != null) {
                if (cache.hasRemote()) {
                    cache.releaseLoad(load.key); // after the store: waiting instances now find the value
                }
                cache.flights.remove(load.key, load.flight);
                if (thrown == null) {
                    load.flight.succeed(result);
                } else {
                    load.flight.fail(); // waiters run the method themselves
                }
            }
        }
    }

    /**
     * A value may only replace this method's result if the method could have returned it:
     * another rule or another instance may have written something else under the same key.
     */
    private boolean fits(Object value) {
        return value == null ? !primitiveResult : resultType.isInstance(value);
    }
}
