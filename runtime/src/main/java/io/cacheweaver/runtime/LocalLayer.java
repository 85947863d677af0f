package io.cacheweaver.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * The in-process layer of one cache, keyed by canonical keys ({@link io.cacheweaver.runtime.expr.KeyTemplate#canonical}): Caffeine, bounded by entry count, each entry expiring
 * after its own TTL, timed by the {@link CoarseClock}. Maintenance runs on the calling thread rather
 * than the application's common ForkJoinPool, which an agent has no business borrowing.
 */
final class LocalLayer {
    private final Cache<Object, LocalEntry> cache;
    private final LongAdder evictions = new LongAdder();

    LocalLayer(long maxEntries) {
        CoarseClock.SHARED.start();
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(new PerEntryExpiry())
                .ticker(CoarseClock.SHARED) // a hit reads a field, not the system clock
                .executor(Runnable::run)
                .removalListener((Object key, LocalEntry value, RemovalCause cause) -> {
                    if (cause.wasEvicted()) {
                        evictions.increment();
                    }
                })
                .build();
    }

    LocalEntry get(Object key) {
        return cache.getIfPresent(key);
    }

    void put(Object key, LocalEntry entry) {
        cache.put(key, entry);
    }

    /**
     * Stores the entry only if {@code stillValid} holds, checked atomically with the store (under
     * the map's lock for this key): a concurrent {@link #remove} of the key either runs first,
     * and then {@code stillValid} already sees the write that caused it, or after, and removes
     * the entry. A plain check-then-put could install a value just after its invalidation.
     */
    void putIf(Object key, LocalEntry entry, BooleanSupplier stillValid) {
        cache.asMap().compute(key, (k, old) -> stillValid.getAsBoolean() ? entry : old);
    }

    /** Returns whether an entry was there. */
    boolean remove(Object key) {
        return cache.asMap().remove(key) != null;
    }

    /** Removes the entry only if it is still {@code entry} (an outdated one found on a hit). */
    void remove(Object key, LocalEntry entry) {
        cache.asMap().remove(key, entry);
    }

    long clear() {
        long size = cache.estimatedSize();
        cache.invalidateAll();
        return size;
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** An entry and how long it is still fresh, in nanoseconds. */
    record Hot(Object key, LocalEntry entry, long freshNanos) {
    }

    /**
     * Up to {@code n} entries, the most used first (Caffeine's frequency sketch decides, so this is
     * approximate), skipping those already past their ttl (kept only to be served on a failure).
     */
    List<Hot> hottest(int n) {
        var eviction = cache.policy().eviction();
        var expiry = cache.policy().expireVariably();
        if (eviction.isEmpty() || expiry.isEmpty()) {
            return List.of();
        }
        long now = System.nanoTime();
        List<Hot> hot = new ArrayList<>();
        eviction.get().hottest(n).forEach((key, entry) -> {
            long left = entry.staleAtNanos() != LocalEntry.NEVER
                    ? entry.staleAtNanos() - now
                    : expiry.get().getExpiresAfter(key, TimeUnit.NANOSECONDS).orElse(0);
            if (left > 0) {
                hot.add(new Hot(key, entry, left));
            }
        });
        return hot;
    }

    /** Entries dropped for size or expiry (JCache's CacheEvictions). */
    long evictions() {
        return evictions.sum();
    }

    private static final class PerEntryExpiry implements Expiry<Object, LocalEntry> {
        @Override
        public long expireAfterCreate(Object key, LocalEntry value, long currentTime) {
            return value.ttlNanos;
        }

        @Override
        public long expireAfterUpdate(Object key, LocalEntry value, long currentTime, long currentDuration) {
            return value.ttlNanos;
        }

        @Override
        public long expireAfterRead(Object key, LocalEntry value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
