package io.cacheweaver.rules;

import java.time.Duration;

/**
 * The in-process (Caffeine) layer of one cache.
 *
 * @param maxEntries default 10000
 * @param ttl        resolved: defaults to the cache's ttl and is never longer than it
 */
public record LocalSettings(long maxEntries, Duration ttl) {
    public static final long DEFAULT_MAX_ENTRIES = 10_000;
}
