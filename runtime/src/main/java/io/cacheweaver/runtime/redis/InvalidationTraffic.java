package io.cacheweaver.runtime.redis;

import io.cacheweaver.runtime.remote.InvalidationCounts;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the invalidation traffic of one Redis layer (see {@link InvalidationCounts}). */
final class InvalidationTraffic {
    final LongAdder external = new LongAdder();
    final LongAdder deferred = new LongAdder();
    final LongAdder replayed = new LongAdder();
    final LongAdder rejected = new LongAdder();

    InvalidationCounts counts() {
        return new InvalidationCounts(external.sum(), deferred.sum(), replayed.sum(), rejected.sum());
    }
}
