package io.cacheweaver.runtime;

/**
 * One caller's miss, from the moment the local layer missed until the method's result is
 * stored or dropped: what the stale-set protection needs to decide whether the result may
 * still be stored, and the single flight this caller owns, if any.
 */
final class Load {
    final Object key;    // canonical
    final long stamp;    // the cache's write stamp for key, taken before anything was read
    final long startNanos = System.nanoTime();
    Object seen;         // what the remote miss saw (for the compare-and-set), or null
    Flight flight;       // the single flight this caller owns, or null

    Load(Object key, long stamp) {
        this.key = key;
        this.stamp = stamp;
    }
}
