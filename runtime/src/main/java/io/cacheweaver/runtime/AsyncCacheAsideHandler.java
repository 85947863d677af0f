package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.expr.Node;
import io.cacheweaver.runtime.local.LocalEntry;
import io.cacheweaver.runtime.metrics.SiteCounters;
import io.cacheweaver.runtime.remote.RemoteLayer;
import io.cacheweaver.runtime.remote.ValueType;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code action: cache} on a method returning {@code CompletableFuture<T>} or
 * {@code CompletionStage<T>}: the completed {@code T} is what gets cached. A hit returns an
 * already-completed future; callers arriving while a load is in flight share that load's future
 * (each gets its own dependent copy, so one caller cancelling cannot cancel the others); a failed
 * future is never cached.
 */
final class AsyncCacheAsideHandler extends SiteHandler {
    private final NamedCache cache;
    private final KeyTemplate key;
    private final Node when;
    private final Node unless; // evaluated with result = the completed value
    private final Duration ttl;
    private final SiteCounters counters;
    private final ValueType valueType;   // T
    private final Class<?> valueClass;   // erasure of T, for the fits() check

    AsyncCacheAsideHandler(NamedCache cache, KeyTemplate key, Node when, Node unless, Duration ttl, SiteCounters counters,
                           ValueType valueType, Class<?> valueClass) {
        this.cache = cache;
        this.key = key;
        this.when = when;
        this.unless = unless;
        this.ttl = ttl;
        this.counters = counters;
        this.valueType = valueType;
        this.valueClass = valueClass;
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
            return new CacheHit(CompletableFuture.completedFuture(entry.value));
        }
        long stamp = cache.writeStamp(k);
        Object seen = null;
        if (cache.hasRemote()) {
            RemoteLayer.RemoteRead read = cache.readThrough(k, valueType, stamp, this::fits);
            if (read.hit() != null) {
                counters.remoteHits.increment();
                return new CacheHit(CompletableFuture.completedFuture(read.hit().value()));
            }
            seen = read.seen();
        }
        CompletableFuture<?> pending = cache.pendingFutures.get(k);
        if (pending != null) {
            counters.localHits.increment();
            return new CacheHit(pending.copy());
        }
        counters.misses.increment();
        return new LoadToken(this, k, null, self, args, stamp, seen);
    }

    @Override
    void exit(Object token, Object result, Throwable thrown) {
        if (thrown != null || !(result instanceof CompletionStage<?> stage)) {
            counters.loadFailures.increment(); // threw, or returned null: nothing to cache
            return;
        }
        LoadToken load = (LoadToken) token;
        CompletableFuture<?> future;
        try {
            future = stage.toCompletableFuture();
        } catch (UnsupportedOperationException notConvertible) {
            return; // a CompletionStage that cannot be observed as a future: leave it alone
        }
        cache.pendingFutures.putIfAbsent(load.key, future);
        future.whenComplete((value, failure) -> {
            try {
                if (failure != null) {
                    counters.loadFailures.increment(); // failed futures are never cached
                    return;
                }
                counters.loads.increment();
                counters.loadNanos.add(System.nanoTime() - load.startNanos);
                if (unless == null || !Boolean.TRUE.equals(unless.eval(load.self, load.args, value))) {
                    cache.storeLoaded(load.key, value, ttl, load.stamp, load.seen);
                }
            } finally {
                // only now: a caller arriving between the two would otherwise find neither and load again
                cache.pendingFutures.remove(load.key, future);
            }
        });
    }

    private boolean fits(Object value) {
        return value == null || valueClass.isInstance(value);
    }
}
