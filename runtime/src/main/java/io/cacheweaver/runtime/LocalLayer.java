package io.cacheweaver.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * The in-process layer of one cache, keyed by canonical keys ({@link io.cacheweaver.runtime.expr.KeyTemplate#canonical}): Caffeine, bounded by entry count, each entry expiring
 * after its own TTL. Maintenance runs on the calling thread rather than the application's
 * common ForkJoinPool, which an agent has no business borrowing.
 */
final class LocalLayer {
    private final Cache<Object, LocalEntry> cache;
    private final LongAdder evictions = new LongAdder();

    LocalLayer(long maxEntries) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(new PerEntryExpiry())
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
