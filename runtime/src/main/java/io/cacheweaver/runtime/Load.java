package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;

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
    CacheHit stale;      // a value past its ttl to answer with if the method throws (staleIfError), or null
    boolean refresh;     // a refresh-ahead reload run by the caller (refreshIn: caller)
    java.util.concurrent.CompletableFuture<Object> claim; // that reload's claim on the key, ended with the load
    long tagStamp;       // the tag clock's epoch, taken with stamp
    String[] tags;       // the tags the handler rendered for the result, or null

    Load(Object key, long stamp) {
        this.key = key;
        this.stamp = stamp;
    }
}
