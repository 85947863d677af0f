package io.cacheweaver.runtime.jmx;

import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.CacheRuntime;
import io.cacheweaver.runtime.Site;
import io.cacheweaver.runtime.NamedCache;
import io.cacheweaver.runtime.metrics.CacheCounters;

/**
 * One cache's figures, looked up by name on every read: a reload may replace the cache instance
 * (its settings changed) or the rules that use it, and this view follows without re-registering.
 */
final class CacheView implements CacheMXBean {
    private final CacheRuntime runtime;
    private final String name;
    /** The local layer's eviction count cannot be reset, so a reset remembers where it stood. */
    private volatile EvictionBaseline evictionBaseline = new EvictionBaseline(null, 0);

    private record EvictionBaseline(NamedCache cache, long evictions) {
    }

    CacheView(CacheRuntime runtime, String name) {
        this.runtime = runtime;
        this.name = name;
    }

    private NamedCache cache() {
        return runtime.caches().get(name);
    }

    private SiteTotals totals() {
        return SiteTotals.of(ActiveSites.ofCache(runtime, name));
    }

    private long cacheCount(java.util.function.ToLongFunction<CacheCounters> counter) {
        NamedCache cache = cache();
        return cache == null ? 0 : counter.applyAsLong(cache.counters());
    }

    @Override
    public long getCacheGets() {
        SiteTotals t = totals();
        return t.hits() + t.misses();
    }

    @Override
    public long getCacheHits() {
        return totals().hits();
    }

    @Override
    public long getCacheMisses() {
        return totals().misses();
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
        return cacheCount(c -> c.puts.sum());
    }

    @Override
    public long getCacheRemovals() {
        return cacheCount(c -> c.removals.sum());
    }

    @Override
    public long getCacheEvictions() {
        NamedCache cache = cache();
        if (cache == null) {
            return 0;
        }
        EvictionBaseline baseline = evictionBaseline;
        return cache.evictions() - (baseline.cache() == cache ? baseline.evictions() : 0);
    }

    @Override
    public long getLoads() {
        return totals().loads();
    }

    @Override
    public long getLoadFailures() {
        return totals().loadFailures();
    }

    @Override
    public double getAverageLoadTime() {
        return totals().averageLoadMicros();
    }

    @Override
    public long getRemoteErrors() {
        return cacheCount(c -> c.remoteErrors.sum());
    }

    @Override
    public long getLocalSize() {
        NamedCache cache = cache();
        return cache == null ? 0 : cache.localSize();
    }

    @Override
    public void invalidate(String key) {
        ReadOnlyMode.allow("invalidate");
        NamedCache cache = cache();
        if (cache != null && key != null) {
            cache.evict(key);
            AgentLog.info("JMX: invalidated one key of cache " + name);
        }
    }

    @Override
    public void invalidateAll() {
        ReadOnlyMode.allow("invalidateAll");
        NamedCache cache = cache();
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
        NamedCache cache = cache();
        if (cache != null) {
            cache.counters().reset();
            evictionBaseline = new EvictionBaseline(cache, cache.evictions());
        }
    }
}
