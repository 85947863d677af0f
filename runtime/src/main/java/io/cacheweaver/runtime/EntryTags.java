package io.cacheweaver.runtime;

/**
 * The tags of one stored value, and when it was read (a {@link TagClock} epoch taken before the
 * source was read): the value is outdated once any of its tags is evicted after that.
 */
final class EntryTags {
    final String[] names;
    final long readAt;
    volatile long checkedAt; // the epoch at which it was last found current

    EntryTags(String[] names, long readAt) {
        this.names = names;
        this.readAt = readAt;
        this.checkedAt = -1;
    }
}
