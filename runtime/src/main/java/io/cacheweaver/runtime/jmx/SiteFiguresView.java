package io.cacheweaver.runtime.jmx;

/**
 * The figures a rule and a cache both report, summed over their sites when read: one
 * implementation for {@link RuleView} and {@link CacheView}, which differ only in which sites
 * they sum.
 */
abstract class SiteFiguresView {

    abstract SiteTotals totals();

    public long getCacheHits() {
        return totals().hits();
    }

    public long getCacheMisses() {
        return totals().misses();
    }

    public long getLoads() {
        return totals().loads();
    }

    public double getAverageLoadTime() {
        return totals().averageLoadMicros();
    }

    public long getRefreshes() {
        return totals().refreshes();
    }

    public long getRefreshFailures() {
        return totals().refreshFailures();
    }

    public long getStaleServed() {
        return totals().staleServed();
    }

    public long getSoftTimeouts() {
        return totals().softTimeouts();
    }
}
