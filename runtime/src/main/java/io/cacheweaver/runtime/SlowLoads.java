package io.cacheweaver.runtime;

import java.util.Locale;

/**
 * Reports loads (cache misses that ran the method) slower than a threshold: the first place to look
 * when a cached method still makes callers wait. Rate-limited per rule, so a slow backend produces
 * one line a minute per rule, not one per call. Names the rule and the duration, never a key or a value.
 *
 * <p>Threshold: {@code -Dcacheweaver.slowLoad=<duration>} ({@code 1s}, {@code 250ms}, plain
 * milliseconds, or {@code off}); default 1 s.
 */
final class SlowLoads {
    static final long DEFAULT_THRESHOLD_NANOS = 1_000_000_000L;
    private static final long THRESHOLD_NANOS = parse(System.getProperty("cacheweaver.slowLoad"));

    private SlowLoads() {
    }

    /** On the miss path only, after the method ran: one comparison when the load was fast. */
    static void check(SiteCounters counters, long nanos) {
        if (nanos >= THRESHOLD_NANOS) {
            AgentLog.warnRateLimited("slow-load|" + counters.ruleId, "rule " + counters.ruleId + ": slow load, the method took "
                    + nanos / 1_000_000 + " ms (threshold " + THRESHOLD_NANOS / 1_000_000 + " ms, -Dcacheweaver.slowLoad);"
                    + " at most one such line per rule per minute");
        }
    }

    /** {@code null} or unparseable: the default (an unusable setting must not silence the report). */
    static long parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_THRESHOLD_NANOS;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("off")) {
                return Long.MAX_VALUE;
            }
            if (t.endsWith("ms")) {
                return Long.parseLong(t.substring(0, t.length() - 2).trim()) * 1_000_000L;
            }
            if (t.endsWith("s")) {
                return Long.parseLong(t.substring(0, t.length() - 1).trim()) * 1_000_000_000L;
            }
            return Long.parseLong(t) * 1_000_000L;
        } catch (NumberFormatException e) {
            AgentLog.warn("-Dcacheweaver.slowLoad=" + text + " is not a duration (1s, 250ms, off); using 1s");
            return DEFAULT_THRESHOLD_NANOS;
        }
    }
}
