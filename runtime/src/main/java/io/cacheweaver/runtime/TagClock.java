package io.cacheweaver.runtime;

import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's record of tag evictions, which local entries are checked against on a hit:
 * eviction by tag is one map write here, whatever the number of tagged entries, and never a
 * scan of the local layers. Every eviction advances one epoch; a tagged entry remembers the
 * epoch its value was read at and the epoch it was last found current, so a hit on a tagged
 * entry costs one volatile read while no tag was evicted since its last check, and a map lookup
 * per tag otherwise. Entries without tags are never looked at.
 * <p>
 * Bounded: past {@link #MAX_REMEMBERED} remembered tags the record is cleared and every tagged
 * entry read before that moment counts as evicted (a miss, never a stale hit).
 */
final class TagClock {
    static final int MAX_REMEMBERED = 100_000;

    private final ConcurrentHashMap<String, Long> evictedAt = new ConcurrentHashMap<>();
    private volatile long epoch;
    private volatile long floor; // entries read before this epoch are outdated

    /** Taken before the source (or Redis) is read: the epoch a stored value is checked from. */
    long now() {
        return epoch;
    }

    /** Written under the lock, epoch last: a reader that sees the new epoch also sees the map entry. */
    synchronized void evicted(String tag) {
        long next = epoch + 1;
        if (evictedAt.size() >= MAX_REMEMBERED) {
            evictedAt.clear();
            floor = next;
        }
        evictedAt.put(tag, next);
        epoch = next;
    }

    /** Every tagged entry read so far is outdated (invalidation messages may have been missed). */
    synchronized void evictedAll() {
        long next = epoch + 1;
        evictedAt.clear();
        floor = next;
        epoch = next;
    }

    /** Whether an entry with these tags is still current; remembers a positive answer until the next eviction. */
    boolean current(EntryTags tags) {
        long now = epoch;
        if (tags.checkedAt == now) {
            return true;
        }
        if (evictedSince(tags.names, tags.readAt)) {
            return false;
        }
        tags.checkedAt = now;
        return true;
    }

    /** Whether any of {@code tags} was evicted after {@code readAt} (a store of a value read then must be dropped). */
    boolean evictedSince(String[] tags, long readAt) {
        if (readAt < floor) {
            return true;
        }
        for (String tag : tags) {
            Long at = evictedAt.get(tag);
            if (at != null && at > readAt) {
                return true;
            }
        }
        return false;
    }
}
