package io.cacheweaver.runtime;

import io.cacheweaver.runtime.settings.Settings;
import java.time.Duration;

/**
 * Reports loads (cache misses that ran the method) slower than a threshold: the first place to look
 * when a cached method still makes callers wait. Rate-limited per rule, so a slow backend produces
 * one line a minute per rule, not one per call. Names the rule and the duration, never a key or a value.
 *
 * <p>Threshold: the {@code slowLoad} setting ({@code 1s}, {@code 250ms}, plain milliseconds, or
 * {@code off}); default 1 s. Set once at startup, before the runtime is installed.
 */
public final class SlowLoads {
    private static volatile long thresholdNanos = Settings.SLOW_LOAD.fallback().toNanos();

    private SlowLoads() {
    }

    /** On the miss path only, after the method ran: one comparison when the load was fast. */
    static void check(SiteCounters counters, long nanos) {
        long threshold = thresholdNanos;
        if (nanos >= threshold) {
            AgentLog.warnRateLimited("slow-load|" + counters.ruleId, "rule " + counters.ruleId + ": slow load, the method took "
                    + nanos / 1_000_000 + " ms (threshold " + threshold / 1_000_000 + " ms, setting slowLoad);"
                    + " at most one such line per rule per minute");
        }
    }

    /** From the {@code slowLoad} setting; {@link io.cacheweaver.runtime.settings.Setting#OFF} turns the report off. */
    public static void threshold(Duration threshold) {
        thresholdNanos = threshold.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : threshold.toNanos();
    }
}
