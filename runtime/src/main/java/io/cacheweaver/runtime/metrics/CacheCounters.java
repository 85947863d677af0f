package io.cacheweaver.runtime.metrics;

import java.util.concurrent.atomic.LongAdder;

/** Counters that belong to a cache rather than to one method: writes and removals. */
public final class CacheCounters {
    public final LongAdder puts = new LongAdder();
    public final LongAdder removals = new LongAdder();
    public final LongAdder remoteErrors = new LongAdder();
    /** Loaded values not stored because the key was written while they loaded (stale-set protection). */
    public final LongAdder staleStoresDropped = new LongAdder();

    public void reset() {
        puts.reset();
        removals.reset();
        remoteErrors.reset();
        staleStoresDropped.reset();
    }
}
