package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.expr.Node;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code action: cache} on a method returning {@code CompletableFuture<T>} or
 * {@code CompletionStage<T>}: the completed {@code T} is what gets cached. A hit returns an
 * already-completed future; callers arriving while a load is in flight share that load's future
 * (each gets its own dependent copy, so one caller cancelling cannot cancel the others); a failed
 * future is never cached. Freshness settings do not apply: an entry due for a refresh is served
 * as it is until its ttl, and an entry past its ttl is a miss.
 */
final class AsyncCacheAsideHandler extends SiteHandler {
    private final TieredCache cache;
    private final KeyTemplate key;
    private final Node when;
    private final Node unless; // evaluated with result = the completed value
    private final Duration ttl;
    private final Reader reader; // of T

    AsyncCacheAsideHandler(TieredCache cache, KeyTemplate key, Node when, Node unless, Duration ttl, Reader reader) {
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
        // past its ttl (kept only by staleIfError, which futures do not use): a miss, never a hit
        if (entry != null && reader.fits(entry.value) && !(entry.aged() && entry.stale(System.nanoTime()))) {
            reader.counters().localHits.increment();
            return new CacheHit(CompletableFuture.completedFuture(entry.value));
        }
        Object outcome = cache.readAsync(k, reader);
        return outcome instanceof Load load ? new LoadToken(this, load, self, args) : outcome;
    }

    @Override
    void exit(Object token, Object result, Throwable thrown) {
        LoadToken call = (LoadToken) token;
        SiteCounters counters = reader.counters();
        if (thrown != null || !(result instanceof CompletionStage<?> stage)) {
            counters.loadFailures.increment(); // threw, or returned null: nothing to cache
            return;
        }
        CompletableFuture<?> future;
        try {
            future = stage.toCompletableFuture();
        } catch (UnsupportedOperationException notConvertible) {
            return; // a CompletionStage that cannot be observed as a future: leave it alone
        }
        cache.loadingAsync(call.load, future);
        future.whenComplete((value, failure) -> {
            try {
                if (failure != null) {
                    counters.loadFailures.increment(); // failed futures are never cached
                    return;
                }
                counters.loads.increment();
                long took = System.nanoTime() - call.load.startNanos;
                counters.loadNanos.add(took);
                counters.loadTimes.record(took);
                boolean store = unless == null || !Boolean.TRUE.equals(unless.eval(call.self, call.args, value));
                cache.loaded(call.load, value, ttl, store);
            } finally {
                cache.settledAsync(call.load, future);
            }
        });
    }
}
