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

    /** Tags this (evict) rule evicted, summed over its calls. */
    long getTagEvictions();

    /** The methods this rule instruments, e.g. {@code com.shop.ProductDao#findById(long)}. */
    String[] getWovenMethods();
}
