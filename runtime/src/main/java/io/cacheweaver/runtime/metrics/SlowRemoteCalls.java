package io.cacheweaver.runtime.metrics;

import io.cacheweaver.runtime.AgentLog;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code metrics.slowRemote}: one stderr line for a Redis call slower than the threshold, at most
 * one per cache and operation per second, naming the cache, the operation and the duration —
 * never a key, a value or a password. Off until a rules file sets it; a reload changes it.
 */
public final class SlowRemoteCalls {
    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private static volatile long thresholdNanos = Long.MAX_VALUE;
    private static final ConcurrentHashMap<String, Long> LAST = new ConcurrentHashMap<>();

    private SlowRemoteCalls() {
    }

    /** {@code null}: never report. */
    public static void threshold(Duration threshold) {
        thresholdNanos = threshold == null ? Long.MAX_VALUE : threshold.toNanos();
    }

    static void check(String cache, String operation, long nanos) {
        long threshold = thresholdNanos;
        if (nanos < threshold) {
            return;
        }
        String topic = cache + '|' + operation;
        long now = System.nanoTime();
        Long last = LAST.get(topic);
        if (last != null && now - last < INTERVAL_NANOS) {
            return;
        }
        if (last == null ? LAST.putIfAbsent(topic, now) == null : LAST.replace(topic, last, now)) {
            AgentLog.warn("slow redis call: cache " + cache + ", operation " + operation + ", took " + nanos / 1_000 + " microseconds"
                    + " (threshold " + threshold / 1_000 + ", metrics.slowRemote); at most one such line per cache"
                    + " and operation per second");
        }
    }
}
