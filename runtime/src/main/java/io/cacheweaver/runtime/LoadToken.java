package io.cacheweaver.runtime;

/**
 * What a cache-aside miss carries from enter to exit: the key, the call (for {@code unless}),
 * and what the stale-set protection needs to decide whether the result may still be stored.
 */
final class LoadToken extends SiteHandler.Token {
    final Object key;    // canonical
    final Flight flight; // the single flight this caller owns, or null
    final Object self;
    final Object[] args;
    final long stamp;    // the cache's write stamp for key, taken before anything was read
    final Object seen;   // what the remote miss saw, or null
    final long startNanos = System.nanoTime();

    LoadToken(SiteHandler handler, Object key, Flight flight, Object self, Object[] args, long stamp, Object seen) {
        super(handler);
        this.key = key;
        this.flight = flight;
        this.self = self;
        this.args = args;
        this.stamp = stamp;
        this.seen = seen;
    }
}
