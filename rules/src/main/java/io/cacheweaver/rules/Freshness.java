package io.cacheweaver.rules;

import java.time.Duration;

/**
 * A cache's freshness settings: refresh-ahead, stale-if-error and the soft timeout. All off by
 * default; a cache without them behaves exactly as before they existed.
 *
 * @param refreshAfter  refresh-ahead point as a duration, or {@code null}
 * @param refreshRatio  refresh-ahead point as a fraction (0, 1) of each entry's ttl, or 0
 * @param refreshIn     who runs the refresh: an agent thread, or the first caller past the point
 * @param staleIfError  how long an entry is kept past its ttl to be served when a load fails, or {@code null}
 * @param loadTimeout   how long a caller waits for a load when a stale value could answer, or {@code null}
 */
public record Freshness(Duration refreshAfter, double refreshRatio, RefreshIn refreshIn, Duration staleIfError,
                        Duration loadTimeout) {
    public static final Freshness NONE = new Freshness(null, 0, RefreshIn.BACKGROUND, null, null);

    /** Who runs a refresh-ahead reload. */
    public enum RefreshIn { BACKGROUND, CALLER }

    public boolean refreshes() {
        return refreshAfter != null || refreshRatio > 0;
    }

    /** Whether entries carry an age at all: without it, a hit never looks at the clock. */
    public boolean ages() {
        return refreshes() || staleIfError != null;
    }

    /** When an entry that lives {@code ttlNanos} becomes due for a refresh, counted from its write; {@code Long.MAX_VALUE}: never. */
    public long refreshAfterNanos(long ttlNanos) {
        if (refreshAfter != null) {
            return refreshAfter.toNanos();
        }
        return refreshRatio > 0 ? (long) (ttlNanos * refreshRatio) : Long.MAX_VALUE;
    }

    /** How long past its ttl an entry is kept, in nanoseconds (0 without staleIfError). */
    public long staleNanos() {
        return staleIfError == null ? 0 : staleIfError.toNanos();
    }
}
