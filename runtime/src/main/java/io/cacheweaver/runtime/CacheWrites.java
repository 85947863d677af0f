package io.cacheweaver.runtime;

import io.cacheweaver.runtime.expr.KeyTemplate;
import java.time.Duration;

/**
 * The writes of one {@link TieredCache}: what {@code put} and {@code evict} rules write, evict-all,
 * and the invalidations other instances send. Each first marks its keys written, which is what
 * keeps a load that raced the write from storing or being shared; the batch writes
 * ({@link BatchOperations}) mark theirs the same way.
 */
final class CacheWrites {
    private final CacheLayers layers;
    private final TagClock tagClock;
    private final LoadFlights inFlight;

    CacheWrites(CacheLayers layers, TagClock tagClock, LoadFlights inFlight) {
        this.layers = layers;
        this.tagClock = tagClock;
        this.inFlight = inFlight;
    }

    /**
     * Stores a value a {@code put} rule wrote, attaching {@code tags} ({@code null}: none): it is
     * the newest, so loads in flight for the key must not overwrite it. An absent value
     * ({@code null}, an empty {@code Optional}) is stored only when the cache has {@code cacheNulls}.
     */
    void store(Object key, Object value, Duration ttl, String[] tags) {
        long tagStamp = tagClock.now();
        markWritten(key);
        layers.store(key, value, ttl, tags, tagStamp);
    }

    /** Removes a canonical key from every layer. */
    void evict(Object key) {
        markWritten(key);
        layers.evict(key);
    }

    void evictAll() {
        markAllWritten();
        layers.evictAll();
    }

    /**
     * Drops a key from this instance's local layer only: what an invalidation message from
     * another instance does (the remote entry is already gone).
     */
    void invalidateLocal(String text) {
        Object key = KeyTemplate.canonical(text);
        markWritten(key);
        layers.invalidateLocal(key);
    }

    /** Clears this instance's local layer only (see {@link #invalidateLocal}). */
    void invalidateLocalAll() {
        markAllWritten();
        layers.invalidateLocalAll();
    }

    /**
     * A write of {@code key}, before any layer changes: the write epoch keeps loads that started
     * earlier from storing, and callers arriving afterwards must not share such a load either, so
     * its flight is forgotten (callers already waiting still get it: they asked before the write).
     */
    void markWritten(Object key) {
        layers.wrote(key);
        inFlight.forget(key);
    }

    private void markAllWritten() {
        layers.wroteAll();
        inFlight.forgetAll();
    }
}
