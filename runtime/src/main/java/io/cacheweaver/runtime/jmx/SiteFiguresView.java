package io.cacheweaver.runtime.jmx;

import io.cacheweaver.runtime.Site;
import io.cacheweaver.runtime.SiteCounters;
import io.cacheweaver.runtime.metrics.LatencyHistogram;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The figures a rule and a cache both report, summed over their sites when read: one
 * implementation for {@link RuleView} and {@link CacheView}, which differ only in which sites
 * they sum.
 */
abstract class SiteFiguresView {

    abstract SiteTotals totals();

    /** The sites summed: for the load-time histogram, merged at read time like the counters. */
    abstract List<Site> sites();

    LatencyHistogram.Snapshot loadTimes() {
        List<LatencyHistogram> histograms = new ArrayList<>();
        for (Site site : sites()) {
            histograms.add(site.counters().loadTimes);
        }
        return LatencyHistogram.of(histograms);
    }

    public double getLoadTimeP50() {
        return loadTimes().percentileMicros(50);
    }

    public double getLoadTimeP99() {
        return loadTimes().percentileMicros(99);
    }

    public long getShadowHits() {
        return totals().shadowHits();
    }

    public long getShadowMismatches() {
        return totals().shadowMismatches();
    }

    /** The write-behind figures are summed from the sites directly. */
    private long sum(Function<SiteCounters, LongAdder> counter) {
        long total = 0;
        for (Site site : sites()) {
            total += counter.apply(site.counters()).sum();
        }
        return total;
    }

    public long getWriteBehindPending() {
        return sum(c -> c.writeBehindPending);
    }

    public long getWriteBehindWritten() {
        return sum(c -> c.writeBehindWritten);
    }

    public long getWriteBehindCoalesced() {
        return sum(c -> c.writeBehindCoalesced);
    }

    public long getWriteBehindFailures() {
        return sum(c -> c.writeBehindFailures);
    }

    public long getWriteBehindOverflows() {
        return sum(c -> c.writeBehindOverflows);
    }

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
