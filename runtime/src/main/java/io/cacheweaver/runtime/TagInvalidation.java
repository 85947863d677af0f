package io.cacheweaver.runtime;

import io.cacheweaver.runtime.remote.RemoteLayer;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Eviction by tag, for evict rules and JMX: the local record first (this instance's entries with
 * those tags are outdated at once, in every cache), then the shared layer and the broadcast to
 * the other instances. O(1) per tag: no entry is visited.
 */
public final class TagInvalidation {
    private final TagClock clock;
    private final RemoteLayer remote; // null without Redis
    private final LongAdder evictions = new LongAdder();

    TagInvalidation(TagClock clock, RemoteLayer remote) {
        this.clock = clock;
        this.remote = remote;
    }

    void evict(String... tags) {
        if (tags.length == 0) {
            return;
        }
        for (String tag : tags) {
            clock.evicted(tag);
        }
        evictions.add(tags.length);
        if (remote != null) {
            remote.evictTags(Arrays.asList(tags));
        }
    }

    /** Tags this instance evicted (rules and JMX), since start. */
    public long evictions() {
        return evictions.sum();
    }

    TagClock clock() {
        return clock;
    }
}
