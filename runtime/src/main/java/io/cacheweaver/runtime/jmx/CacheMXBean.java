package io.cacheweaver.runtime.jmx;

/**
 * {@code io.cacheweaver:type=Cache,name=<cache>} (documented in docs/operations.md, "JMX"). Names mirror JSR-107's
 * CacheStatisticsMXBean so dashboards and JConsole users recognise them. Every count is exact:
 * a sum, at read time, over the sites whose rule uses this cache.
 */
public interface CacheMXBean {
    /** {@code CacheHits + CacheMisses} (JCache semantics: bypassed calls are not gets). */
    long getCacheGets();

    long getCacheHits();

    long getCacheMisses();

    /** 0–100; 0 before the first get. */
    double getCacheHitPercentage();

    long getLocalHits();

    long getRemoteHits();

    long getCachePuts();

    long getCacheRemovals();

    /** Entries the local layer dropped to stay within {@code maxEntries}. */
    long getCacheEvictions();

    long getLoads();

    long getLoadFailures();

    /** Microseconds per successful load; 0 before the first. */
    double getAverageLoadTime();

    /** Redis calls for this cache that failed (timeout, connection, server error) or whose value did not decode. */
    long getRemoteErrors();

    /**
     * Loaded values not stored because the key was written (put, evicted, invalidated by another
     * instance) while the method ran: storing them would have served data older than that write.
     */
    long getStaleStoresDropped();

    /** Entries pre-warming ({@code warm:}) brought in at startup, to be read back on their first call. */
    long getWarmedEntries();

    long getLocalSize();

    /** Refresh-ahead reloads that stored a new value ({@code refreshAfter}). */
    long getRefreshes();

    /** Refresh-ahead reloads that threw; the old value stayed until its ttl. */
    long getRefreshFailures();

    /** Calls answered with a value past its ttl because the load failed or exceeded loadTimeout ({@code staleIfError}). */
    long getStaleServed();

    /** Loads that did not finish within {@code loadTimeout}; the caller got the stale value. */
    long getSoftTimeouts();

    /** Median load time (µs) of the rules using this cache; 0 before the first load. */
    double getLoadTimeP50();

    /** 99th percentile load time (µs), 1% resolution; 0 before the first load. */
    double getLoadTimeP99();

    /** 99th percentile duration (µs) of this cache's Redis calls, every operation together; 0 without Redis or calls. */
    double getRemoteTimeP99();

    /** {@code mode: shadow}: calls of this cache's rules that would have been hits, mismatches included. */
    long getShadowHits();

    /** {@code mode: shadow}: would-be hits whose cached value differed from what the method returned. */
    long getShadowMismatches();
    /** Write-behind writes waiting for their turn, after coalescing ({@code action: write-behind}). */
    long getWriteBehindPending();

    /** Write-behind bodies that completed. */
    long getWriteBehindWritten();

    /** Write-behind calls replaced by a later call for the same key before their body ran. */
    long getWriteBehindCoalesced();

    /** Write-behind writes given up after their retries; their key was evicted. */
    long getWriteBehindFailures();

    /** Write-behind calls that found the queue full (maxQueue) and ran their body on the caller's thread. */
    long getWriteBehindOverflows();

    /** Removes one key, as the rule renders it ({@code key: "{id}"}, id 3 → {@code 3}), from every layer. */
    void invalidate(String key);

    void invalidateAll();

    /** Zeroes this cache's figures, and with them those of the rules that use this cache. */
    void resetStatistics();

    /** Calls of batch rules ({@code each}) on this cache. */
    long getBatchCalls();

    /** Elements those calls asked for. */
    long getBatchElements();

    /** Elements of those calls served from a cache layer (local or Redis). */
    long getBatchElementHits();
}
