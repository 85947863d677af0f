package io.cacheweaver.runtime.remote;

/**
 * Invalidation traffic of the shared layer since start (JMX {@code Agent}).
 *
 * @param external  messages in the documented JSON format applied (from {@code invalidate}, redis-cli, triggers)
 * @param deferred  invalidations made while Redis was unreachable, remembered for replay
 * @param replayed  remembered invalidations applied to Redis and broadcast once it was back
 * @param rejected  messages on the channel that were neither ours nor valid JSON invalidations
 */
public record InvalidationCounts(long external, long deferred, long replayed, long rejected) {
    public static final InvalidationCounts ZERO = new InvalidationCounts(0, 0, 0, 0);
}
