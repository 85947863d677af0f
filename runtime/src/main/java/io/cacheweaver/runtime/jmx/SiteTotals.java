package io.cacheweaver.runtime.jmx;

import io.cacheweaver.runtime.Site;
import io.cacheweaver.runtime.SiteCounters;
import java.util.List;

/** Site counters summed at read time, so the hit path never pays for aggregation. */
record SiteTotals(long localHits, long remoteHits, long misses, long bypasses, long loads, long loadFailures,
                  long loadNanos, long writes, long refreshes, long refreshFailures, long staleServed, long softTimeouts,
                  long shadowHits, long shadowMismatches) {

    static SiteTotals of(List<Site> sites) {
        long localHits = 0, remoteHits = 0, misses = 0, bypasses = 0, loads = 0, loadFailures = 0, loadNanos = 0, writes = 0;
        long refreshes = 0, refreshFailures = 0, staleServed = 0, softTimeouts = 0;
        long shadowHits = 0, shadowMismatches = 0;
        for (Site site : sites) {
            SiteCounters c = site.counters();
            localHits += c.localHits.sum();
            remoteHits += c.remoteHits.sum();
            misses += c.misses.sum();
            bypasses += c.bypasses.sum();
            loads += c.loads.sum();
            loadFailures += c.loadFailures.sum();
            loadNanos += c.loadNanos.sum();
            writes += c.writes.sum();
            refreshes += c.refreshes.sum();
            refreshFailures += c.refreshFailures.sum();
            staleServed += c.staleServed.sum();
            softTimeouts += c.softTimeouts.sum();
            shadowHits += c.shadowHits.sum();
            shadowMismatches += c.shadowMismatches.sum();
        }
        return new SiteTotals(localHits, remoteHits, misses, bypasses, loads, loadFailures, loadNanos, writes,
                refreshes, refreshFailures, staleServed, softTimeouts, shadowHits, shadowMismatches);
    }

    long hits() {
        return localHits + remoteHits;
    }

    double averageLoadMicros() {
        return loads == 0 ? 0 : loadNanos / 1_000.0 / loads;
    }
}
