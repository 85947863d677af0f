package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;

/**
 * What the local layer stores: the hit object itself, so that an in-process hit hands the
 * stored instance straight to the advice without allocating. Carries its own lifetime because
 * rules sharing a cache may write with different TTLs. In a cache with freshness settings it is
 * an {@link Aging} entry, which also knows when it becomes due for a refresh and stale; the
 * plain entry does not carry those moments (24 bytes less per entry, issue 17: memory).
 */
class LocalEntry extends CacheHit {
    /** No moment: the entry never needs a look at the clock on a hit. */
    static final long NEVER = Long.MAX_VALUE;

    final long ttlNanos; // how long the local layer keeps it
    /** Set before the entry is stored, never after: {@code null} for an untagged value (no check on a hit). */
    EntryTags tags;

    LocalEntry(Object value, long ttlNanos) {
        super(value);
        this.ttlNanos = ttlNanos;
    }

    /** An entry due for a refresh at {@code refreshAtNanos} and stale at {@code staleAtNanos} ({@link #NEVER}: not). */
    static LocalEntry of(Object value, long ttlNanos, long refreshAtNanos, long staleAtNanos) {
        return refreshAtNanos == NEVER && staleAtNanos == NEVER ? new LocalEntry(value, ttlNanos)
                : new Aging(value, ttlNanos, refreshAtNanos, staleAtNanos);
    }

    LocalEntry tagged(EntryTags entryTags) {
        this.tags = entryTags;
        return this;
    }

    /** Whether a hit must look at this entry's age: never for a plain entry. */
    boolean aged() {
        return false;
    }

    boolean stale(long now) {
        return false;
    }

    /** When it becomes stale ({@link System#nanoTime}), or {@link #NEVER}. */
    long staleAtNanos() {
        return NEVER;
    }

    /** An entry of a cache with freshness settings. */
    static final class Aging extends LocalEntry {
        private final long checkAtNanos; // the earlier of refresh and stale: the hit path's only freshness test
        private final long staleAtNanos;

        Aging(Object value, long ttlNanos, long refreshAtNanos, long staleAtNanos) {
            super(value, ttlNanos);
            this.staleAtNanos = staleAtNanos;
            this.checkAtNanos = Math.min(refreshAtNanos, staleAtNanos);
        }

        @Override
        boolean aged() {
            return checkAtNanos != NEVER && CoarseClock.SHARED.read() - checkAtNanos >= 0; // the local layer's clock: no system call per hit
        }

        @Override
        boolean stale(long now) {
            return staleAtNanos != NEVER && now - staleAtNanos >= 0;
        }

        @Override
        long staleAtNanos() {
            return staleAtNanos;
        }
    }
}
