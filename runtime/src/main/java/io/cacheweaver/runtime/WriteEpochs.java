package io.cacheweaver.runtime;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Write counters of one cache, so that a load which started before a write of its key does not
 * store its result after that write (the cache-aside "stale set" race: the load may have read
 * the source before the writer changed it). A load takes a {@link #stamp} before the method runs;
 * every put, evict, evict-all and invalidation message bumps the counters; the store is dropped
 * when the stamp moved.
 * <p>
 * Counters are striped by key hash instead of kept per key: a fixed 8 KiB per cache, nothing to
 * clean up, and a collision only costs a skipped store (the next miss loads again), never a
 * stale value. The stamp is stripe + all-counter: both only grow, so the sum changes whenever
 * either does.
 */
final class WriteEpochs {
    private static final int STRIPES = 1024; // a power of two

    private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
    private final AtomicLong all = new AtomicLong();

    /** Taken before the source is read; a write that bumped before this is already in the source. */
    long stamp(Object key) {
        return stripes.get(index(key)) + all.get();
    }

    boolean unchanged(Object key, long stamp) {
        return stamp(key) == stamp;
    }

    /** Called before the write touches the layers, so that a concurrent store either sees it or is overwritten. */
    void wrote(Object key) {
        stripes.incrementAndGet(index(key));
    }

    void wroteAll() {
        all.incrementAndGet();
    }

    private static int index(Object key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }
}
