package io.cacheweaver.runtime.remote;

import java.util.ArrayList;
import java.util.List;

/**
 * The shared layer (Redis) as the caches see it. Implementations never throw and never block
 * longer than their configured timeouts: a failure is a miss (for reads) or a skipped write,
 * counted by the implementation. Keys are the rendered rule keys; the implementation adds its
 * own prefix and namespace.
 */
public interface RemoteLayer {

    /** The entry, or {@code null} on a miss, an undecodable value or any failure. */
    RemoteHit get(String cache, String key, ValueType type);

    /**
     * Stores a value for {@code ttlMillis}. {@code freshMillis} &gt; 0 records the value's logical
     * lifetime and write time with it (caches with freshness settings keep entries past their
     * ttl, and every instance must agree on an entry's age); 0 stores the value alone.
     */
    void put(String cache, String key, Object value, long ttlMillis, long freshMillis);

    /**
     * Like {@link #put(String, String, Object, long, long)}, knowing the generic type the cache's
     * readers declare ({@code null}: unknown), so that the value is written as they will read it.
     */
    default void put(String cache, String key, Object value, long ttlMillis, long freshMillis, ValueType type) {
        put(cache, key, value, ttlMillis, freshMillis, type, null);
    }

    /**
     * {@link #put(String, String, Object, long, long)} with what both variants add: the readers'
     * declared type ({@code null}: unknown) and tags ({@code null}: none). A layer that supports
     * neither stores the value alone.
     */
    default void put(String cache, String key, Object value, long ttlMillis, long freshMillis, ValueType type, String[] tags) {
        put(cache, key, value, ttlMillis, freshMillis);
    }

    default void put(String cache, String key, Object value, long ttlMillis) {
        put(cache, key, value, ttlMillis, 0);
    }

    /**
     * Like {@link #get}, and on a miss also what the miss saw, for {@link #putLoaded}. Never
     * throws; {@code seen} is {@code null} when nothing could be read.
     */
    default RemoteRead read(String cache, String key, ValueType type) {
        return new RemoteRead(get(cache, key, type), null);
    }

    /**
     * Stores a value loaded after a miss, unless the key was written (put, evicted) since
     * {@code seen} was read: that write may carry data newer than what the load read. Returns
     * {@code false} only when such a write was detected (the caller then keeps the value out
     * of its local layer too); {@code true} when stored, or when the remote layer could not
     * tell (failure, {@code seen} unknown), in which case nothing was stored remotely.
     */
    default boolean putLoaded(String cache, String key, Object value, long ttlMillis, long freshMillis, Object seen) {
        put(cache, key, value, ttlMillis, freshMillis);
        return true;
    }

    /** Like {@link #putLoaded(String, String, Object, long, long, Object)}, knowing the readers' declared type. */
    default boolean putLoaded(String cache, String key, Object value, long ttlMillis, long freshMillis, Object seen, ValueType type) {
        return putLoaded(cache, key, value, ttlMillis, freshMillis, seen, type, null);
    }

    /** {@link #putLoaded(String, String, Object, long, long, Object)} with the readers' declared type and tags (either may be {@code null}). */
    default boolean putLoaded(String cache, String key, Object value, long ttlMillis, long freshMillis, Object seen, ValueType type,
                              String[] tags) {
        return putLoaded(cache, key, value, ttlMillis, freshMillis, seen);
    }

    default boolean putLoaded(String cache, String key, Object value, long ttlMillis, Object seen) {
        return putLoaded(cache, key, value, ttlMillis, 0, seen);
    }

    /**
     * {@link #put} with tags: the value counts as absent once any of them is evicted
     * ({@link #evictTags}). A layer without tag support stores it without them.
     */
    default void put(String cache, String key, Object value, long ttlMillis, long freshMillis, String[] tags) {
        put(cache, key, value, ttlMillis, freshMillis, null, tags);
    }

    /** {@link #putLoaded} with tags (see {@link #put(String, String, Object, long, long, String[])}). */
    default boolean putLoaded(String cache, String key, Object value, long ttlMillis, long freshMillis, Object seen,
                              String[] tags) {
        return putLoaded(cache, key, value, ttlMillis, freshMillis, seen, null, tags);
    }

    /**
     * Evicts every entry of every cache that carries one of {@code tags}, in the shared layer and
     * (by broadcast) in every other instance's local layers; O(1) in the number of tagged entries.
     */
    default void evictTags(java.util.Collection<String> tags) {
    }

    /** The caches this instance has, for clearing them all when remembered invalidations overflowed. */
    default void knownCaches(java.util.Collection<String> caches) {
    }

    /** Counts of the invalidation traffic (JMX {@code Agent}); zero for a layer without it. */
    default InvalidationCounts invalidationCounts() {
        return InvalidationCounts.ZERO;
    }

    void evict(String cache, String key);

    /**
     * {@link #read} for several keys at once (batch rules): one round trip where the implementation
     * can (Redis: one {@code MGET}, one per hash slot in a cluster). The answer has one entry per
     * key, in order. Never throws.
     */
    default List<RemoteRead> readMany(String cache, List<String> keys, ValueType type) {
        List<RemoteRead> reads = new ArrayList<>(keys.size());
        for (String key : keys) {
            reads.add(read(cache, key, type));
        }
        return reads;
    }

    /**
     * {@link #put} for several keys (batch {@code put} rules), pipelined where the implementation can,
     * with one invalidation message for all of them. {@code ttlMillis} and {@code freshMillis}
     * are per key.
     */
    default void putMany(String cache, List<String> keys, List<Object> values, long[] ttlMillis, long[] freshMillis) {
        for (int i = 0; i < keys.size(); i++) {
            put(cache, keys.get(i), values.get(i), ttlMillis[i], freshMillis[i]);
        }
    }

    /**
     * {@link #putLoaded} for the values a batch call loaded: pipelined where the implementation
     * can, with one invalidation message for the keys stored. Per key, what {@link #putLoaded}
     * would have answered.
     */
    default boolean[] putLoadedMany(String cache, List<String> keys, List<Object> values, long[] ttlMillis,
                                    long[] freshMillis, Object[] seen) {
        boolean[] stored = new boolean[keys.size()];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = putLoaded(cache, keys.get(i), values.get(i), ttlMillis[i], freshMillis[i], seen[i]);
        }
        return stored;
    }

    /** {@link #evict} for several keys (batch {@code evict} rules), pipelined, with one invalidation message. */
    default void evictMany(String cache, List<String> keys) {
        for (String key : keys) {
            evict(cache, key);
        }
    }

    void evictAll(String cache);

    /** Failures talking to the remote layer for this cache since the last reset. */
    long errors(String cache);

    void close();

    /** How long this layer's calls took, per cache and operation; {@code null} when it does not measure them. */
    default io.cacheweaver.runtime.metrics.RemoteTimings timings() {
        return null;
    }

    /**
     * Registers who hears about other instances' writes; an implementation without cross-instance
     * invalidation ignores it.
     */
    default void onInvalidation(InvalidationListener listener) {
    }

    /**
     * Called by the one caller in this JVM that is about to run the method after a miss. Returns a
     * value that another instance loaded meanwhile (this caller then need not run the method), or
     * {@code null}: run the method, and call {@link #releaseLoad} when done. Waits a bounded time.
     */
    default RemoteHit awaitPeerLoad(String cache, String key, ValueType type) {
        return null;
    }

    /** Ends this instance's claim on loading {@code key}, so that waiting instances stop waiting. */
    default void releaseLoad(String cache, String key) {
    }

    /**
     * Claims the refresh-ahead reload of {@code key} for this instance without waiting (one reload
     * across all instances). {@code false} when another instance holds the claim; {@code true}
     * when claimed, or when the remote layer cannot tell (each instance then reloads on its own).
     * A claim is ended with {@link #releaseRefresh}.
     */
    default boolean tryClaimRefresh(String cache, String key) {
        return true;
    }

    default void releaseRefresh(String cache, String key) {
    }

    /**
     * Up to {@code top} keys of {@code cache} that instances recorded as most used, hottest first
     * (pre-warming); empty when none were recorded or on any failure.
     */
    default java.util.List<String> hotKeys(String cache, int top) {
        return java.util.List.of();
    }

    /** Records this instance's most used keys of {@code cache}, hottest first; at most {@code top} are kept. */
    default void recordHotKeys(String cache, java.util.List<String> keys, int top) {
    }

    /**
     * The stored forms of {@code keys} (absent keys left out), in one round trip where the layer
     * can, for {@link #decode} once the type to read them as is known. Empty on any failure.
     */
    default java.util.Map<String, Stored> fetch(String cache, java.util.List<String> keys) {
        return java.util.Map.of();
    }

    /** A value {@link #fetch}ed earlier, read as {@code type}; {@code null} (counted) when it does not read back. */
    default RemoteHit decode(String cache, Stored stored, ValueType type) {
        return null;
    }

    /** A value as the layer stores it, and how long the layer still keeps it. */
    record Stored(byte[] bytes, long ttlMillis) {
    }

    /**
     * A value found remotely; {@code value} may be {@code null} (a cached null). With freshness
     * settings the value's age and logical lifetime come with it ({@code freshMillis} 0: not recorded);
     * {@code tags} are the tags it was stored with ({@code null}: none), already checked as current.
     */
    record RemoteHit(Object value, long ageMillis, long freshMillis, String[] tags) {
        public RemoteHit(Object value) {
            this(value, 0, 0, null);
        }

        public RemoteHit(Object value, long ageMillis, long freshMillis) {
            this(value, ageMillis, freshMillis, null);
        }

        /** Past its logical lifetime: kept only to be served when a load fails. */
        public boolean stale() {
            return freshMillis > 0 && ageMillis >= freshMillis;
        }
    }

    /**
     * What a read found: {@code hit} ({@code null} on a miss), and {@code seen}, an opaque
     * record of the key's state for {@link #putLoaded} ({@code null} when unknown).
     */
    record RemoteRead(RemoteHit hit, Object seen) {
    }
}
