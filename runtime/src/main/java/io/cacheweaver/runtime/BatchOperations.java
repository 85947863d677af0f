package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.rules.CacheSpec;
import java.time.Duration;

/**
 * The batch calls of one {@link TieredCache}: a batch rule's reads and the end of its loads, and
 * the batch forms of put and evict. Each is the single-key protocol for many keys at once, with
 * one remote round trip instead of one per key; the read half is {@link BatchReads}.
 */
final class BatchOperations {
    private final CacheSpec spec;
    private final CacheLayers layers;
    private final LoadFlights inFlight;
    private final CacheWrites writes;

    BatchOperations(CacheSpec spec, CacheLayers layers, LoadFlights inFlight, CacheWrites writes) {
        this.spec = spec;
        this.layers = layers;
        this.inFlight = inFlight;
        this.writes = writes;
    }

    /**
     * Batch rules, after the local misses of one call ({@code keys} distinct and canonical): per key
     * a {@link CacheHit} (from Redis, all keys in one round trip, or from a load of that key
     * another thread ran) or a {@link Load} this caller must end with {@link #loadedMany} or
     * {@link #failedMany}. See {@link BatchReads}.
     */
    Object[] readMany(Object[] keys, Reader reader) {
        return BatchReads.read(layers, inFlight, keys, reader);
    }

    /**
     * The batch body returned: stores each load's value ({@code null} = absent: stored only with
     * {@code cacheNulls}) unless its key was written since, then hands the values to the callers
     * waiting in this JVM (absent ones are a failed load for them unless absence is cached).
     */
    void loadedMany(Load[] loads, Object[] values, Duration ttl, boolean store) {
        boolean absenceCached = spec.cacheNulls() != null;
        try {
            if (store) {
                layers.storeLoadedMany(loads, values, ttl);
            }
        } finally {
            for (int i = 0; i < loads.length; i++) {
                BatchReads.finish(inFlight, loads[i], values[i], values[i] != null || absenceCached);
            }
        }
    }

    /** The batch body threw: nothing is stored, and waiters run the method themselves. */
    void failedMany(Load[] loads) {
        for (Load load : loads) {
            BatchReads.finish(inFlight, load, null, false);
        }
    }

    /** {@link TieredCache#store} for every element of a batch put: one remote round trip, one invalidation message. */
    void storeMany(Object[] keys, Object[] values, Duration ttl) {
        for (Object key : keys) {
            writes.markWritten(key);
        }
        layers.storeMany(keys, values, ttl);
    }

    /** {@link TieredCache#evict} for every element of a batch evict: one remote round trip, one invalidation message. */
    void evictMany(Object[] keys) {
        for (Object key : keys) {
            writes.markWritten(key);
        }
        layers.evictMany(keys);
    }
}
