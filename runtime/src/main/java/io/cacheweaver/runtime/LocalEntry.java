package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;

/**
 * What the local layer stores: the hit object itself, so that an in-process hit hands the
 * stored instance straight to the advice without allocating. Carries its own lifetime because
 * rules sharing a cache may write with different TTLs, and, in a cache with freshness settings,
 * the moments it becomes due for a refresh and stale ({@link System#nanoTime} values).
 */
final class LocalEntry extends CacheHit {
    /** No moment: the entry never needs a look at the clock on a hit. */
    static final long NEVER = Long.MAX_VALUE;

    final long ttlNanos;       // how long the local layer keeps it
    final long checkAtNanos;   // the earlier of the two below: the hit path's only freshness test
    final long refreshAtNanos;
    final long staleAtNanos;
    /** Set before the entry is stored, never after: {@code null} for an untagged value (no check on a hit). */
    EntryTags tags;

    LocalEntry(Object value, long ttlNanos) {
        this(value, ttlNanos, NEVER, NEVER);
    }

    LocalEntry(Object value, long ttlNanos, long refreshAtNanos, long staleAtNanos) {
        super(value);
        this.ttlNanos = ttlNanos;
        this.refreshAtNanos = refreshAtNanos;
        this.staleAtNanos = staleAtNanos;
        this.checkAtNanos = Math.min(refreshAtNanos, staleAtNanos);
    }

    LocalEntry tagged(EntryTags entryTags) {
        this.tags = entryTags;
        return this;
    }

    /** Whether a hit must look at this entry's age: one field test when the cache has no freshness settings. */
    boolean aged() {
        return checkAtNanos != NEVER && System.nanoTime() - checkAtNanos >= 0;
    }

    boolean stale(long now) {
        return staleAtNanos != NEVER && now - staleAtNanos >= 0;
    }
}
