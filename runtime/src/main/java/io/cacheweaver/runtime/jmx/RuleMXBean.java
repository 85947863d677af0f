package io.cacheweaver.runtime.jmx;

/** {@code io.cacheweaver:type=Rule,name=<rule id>} (documented in docs/operations.md, "JMX"). */
public interface RuleMXBean {
    /** Every call of a method this rule instruments, including calls its {@code when} bypassed. */
    long getInvocations();

    long getCacheHits();

    long getCacheMisses();

    long getLoads();

    /** Microseconds per successful load; 0 before the first. */
    double getAverageLoadTime();

    /** Refresh-ahead reloads that stored a new value ({@code refreshAfter}). */
    long getRefreshes();

    /** Refresh-ahead reloads that threw; the old value stayed until its ttl. */
    long getRefreshFailures();

    /** Calls answered with a value past its ttl because the load failed or exceeded loadTimeout ({@code staleIfError}). */
    long getStaleServed();

    /** Loads that did not finish within {@code loadTimeout}; the caller got the stale value. */
    long getSoftTimeouts();

    /** Median load time (µs) since start or the last reset; 0 before the first load. */
    double getLoadTimeP50();

    /** 99th percentile load time (µs), 1% resolution; 0 before the first load. */
    double getLoadTimeP99();

    /** {@code mode: shadow}: calls that would have been answered from the cache, mismatches included. */
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

    /** Tags this (evict) rule evicted, summed over its calls. */
    long getTagEvictions();

    /** The methods this rule instruments, e.g. {@code com.shop.ProductDao#findById(long)}. */
    String[] getWovenMethods();

    /** Calls of batch rules ({@code each}) on this rule. */
    long getBatchCalls();

    /** Elements those calls asked for. */
    long getBatchElements();

    /** Elements of those calls served from a cache layer (local or Redis). */
    long getBatchElementHits();
}
