package io.cacheweaver.runtime;

/**
 * An immutable snapshot of one cache's own figures (as Caffeine's {@code CacheStats}). Hits,
 * misses and loads are counted per site and summed by whoever reads them; these are the
 * counts that belong to the cache itself.
 *
 * @param puts               values stored (loads and put rules)
 * @param removals           entries removed by evict rules or JMX, in the local layer
 * @param evictions          entries the local layer dropped for size or expiry
 * @param remoteErrors       failed or undecodable Redis calls made for this cache
 * @param staleStoresDropped loaded values not stored because the key was written while they loaded
 * @param localSize          entries in the local layer now
 */
public record CacheStats(long puts, long removals, long evictions, long remoteErrors, long staleStoresDropped, long localSize) {
    static final CacheStats ZERO = new CacheStats(0, 0, 0, 0, 0, 0);

    /** The counts since {@code baseline} was taken; the size is a level, not a count, and is kept. */
    CacheStats minus(CacheStats baseline) {
        return new CacheStats(puts - baseline.puts, removals - baseline.removals, evictions - baseline.evictions,
                remoteErrors - baseline.remoteErrors, staleStoresDropped - baseline.staleStoresDropped, localSize);
    }
}
