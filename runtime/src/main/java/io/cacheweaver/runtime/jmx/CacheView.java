package io.cacheweaver.runtime.jmx;

import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.CacheRuntime;
import io.cacheweaver.runtime.CacheStats;
import io.cacheweaver.runtime.Site;
import io.cacheweaver.runtime.TieredCache;
import io.cacheweaver.runtime.metrics.LatencyHistogram;
import io.cacheweaver.runtime.metrics.RemoteTimings;
import java.util.List;

/**
 * One cache's figures, looked up by name on every read: a reload may replace the cache instance
 * (its settings changed) or the rules that use it, and this view follows without re-registering.
 */
final class CacheView extends SiteFiguresView implements CacheMXBean {
    private final CacheRuntime runtime;
    private final String name;
    CacheView(CacheRuntime runtime, String name) {
        this.runtime = runtime;
        this.name = name;
    }

    private TieredCache cache() {
        return runtime.caches().get(name);
    }

    @Override
    List<Site> sites() {
        return ActiveSites.ofCache(runtime, name);
    }

    @Override
    SiteTotals totals() {
        return SiteTotals.of(sites());
    }

    /** Redis calls of this cache, every operation together; empty without the Redis layer. */
    LatencyHistogram.Snapshot remoteTimes() {
        TieredCache cache = cache();
        RemoteTimings timings = runtime.remote() == null ? null : runtime.remote().timings();
        if (cache == null || timings == null || !cache.spec().usesRedis()) {
            return LatencyHistogram.of(java.util.List.of());
        }
        return LatencyHistogram.of(timings.of(name).values());
    }

    @Override
    public double getRemoteTimeP99() {
        return remoteTimes().percentileMicros(99);
    }

    private long cacheCount(java.util.function.ToLongFunction<CacheStats> figure) {
        TieredCache cache = cache();
        return cache == null ? 0 : figure.applyAsLong(cache.stats());
    }

    @Override
    public long getCacheGets() {
        SiteTotals t = totals();
        return t.hits() + t.misses();
    }

    @Override
    public double getCacheHitPercentage() {
        SiteTotals t = totals();
        long gets = t.hits() + t.misses();
        return gets == 0 ? 0 : 100.0 * t.hits() / gets;
    }

    @Override
    public long getLocalHits() {
        return totals().localHits();
    }

    @Override
    public long getRemoteHits() {
        return totals().remoteHits();
    }

    @Override
    public long getCachePuts() {
        return cacheCount(CacheStats::puts);
    }

    @Override
    public long getCacheRemovals() {
        return cacheCount(CacheStats::removals);
    }

    @Override
    public long getCacheEvictions() {
        return cacheCount(CacheStats::evictions);
    }

    @Override
    public long getLoadFailures() {
        return totals().loadFailures();
    }

    @Override
    public long getRemoteErrors() {
        return cacheCount(CacheStats::remoteErrors);
    }

    @Override
    public long getStaleStoresDropped() {
        return cacheCount(CacheStats::staleStoresDropped);
    }

    @Override
    public long getWarmedEntries() {
        TieredCache cache = cache();
        return cache == null ? 0 : cache.warmedEntries();
    }

    @Override
    public long getLocalSize() {
        return cacheCount(CacheStats::localSize);
    }

    @Override
    public void invalidate(String key) {
        ReadOnlyMode.allow("invalidate");
        TieredCache cache = cache();
        if (cache != null && key != null) {
            cache.evict(key);
            AgentLog.info("JMX: invalidated one key of cache " + name);
        }
    }

    @Override
    public void invalidateAll() {
        ReadOnlyMode.allow("invalidateAll");
        TieredCache cache = cache();
        if (cache != null) {
            cache.evictAll();
            AgentLog.info("JMX: invalidated every entry of cache " + name);
        }
    }

    @Override
    public void resetStatistics() {
        ReadOnlyMode.allow("resetStatistics");
        for (Site site : ActiveSites.ofCache(runtime, name)) {
            site.counters().reset();
        }
        TieredCache cache = cache();
        if (cache != null) {
            cache.resetStats();
        }
    }

    @Override
    public long getBatchCalls() {
        return BatchFigures.sum(ActiveSites.ofCache(runtime, name), c -> c.batchCalls.sum());
    }

    @Override
    public long getBatchElements() {
        return BatchFigures.sum(ActiveSites.ofCache(runtime, name), c -> c.batchElements.sum());
    }

    @Override
    public long getBatchElementHits() {
        return BatchFigures.sum(ActiveSites.ofCache(runtime, name), c -> c.batchElementHits.sum());
    }
}
