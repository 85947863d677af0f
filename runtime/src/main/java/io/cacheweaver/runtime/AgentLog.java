package io.cacheweaver.runtime;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The agent's own logging: one line per event on stderr, prefixed {@code [cacheweaver]}.
 * Deliberately not java.util.logging or SLF4J: touching the application's logging set-up from
 * premain can break it (LogManager initialization order). Never pass a cached value or a
 * password to any method here.
 */
public final class AgentLog {
    private static final long RATE_LIMIT_NANOS = 60_000_000_000L;
    private static final ConcurrentMap<String, Long> LAST_BY_TOPIC = new ConcurrentHashMap<>();
    private static volatile boolean debug; // the debug setting, set at startup
    private static volatile PrintStream out = System.err;

    private AgentLog() {
    }

    public static void info(String message) {
        out.println("[cacheweaver] " + message);
    }

    public static void warn(String message) {
        out.println("[cacheweaver] WARN " + message);
    }

    public static void error(String message) {
        out.println("[cacheweaver] ERROR " + message);
    }

    public static void debug(String message) {
        if (debug) {
            out.println("[cacheweaver] DEBUG " + message);
        }
    }

    /** Builds the line only when debug output is on; a null line prints nothing. */
    public static void debug(java.util.function.Supplier<String> message) {
        if (debug) {
            String line = message.get();
            if (line != null) {
                out.println("[cacheweaver] DEBUG " + line);
            }
        }
    }

    /**
     * For code on the start-up path: {@code if (isDebug()) debug("..." + x)} rather than
     * {@code debug(() -> ...)}, whose capturing lambda is spun (a class, ≈ 0.5 ms cold) even when
     * debug output is off (issue 17).
     */
    public static boolean isDebug() {
        return debug;
    }

    public static void setDebug(boolean enabled) {
        debug = enabled;
    }

    /** At most one line per topic per minute, so a failing Redis cannot flood the application's stderr. */
    public static void warnRateLimited(String topic, String message) {
        long now = System.nanoTime();
        Long last = LAST_BY_TOPIC.get(topic);
        if (last != null && now - last < RATE_LIMIT_NANOS) {
            return;
        }
        if (last == null ? LAST_BY_TOPIC.putIfAbsent(topic, now) == null : LAST_BY_TOPIC.replace(topic, last, now)) {
            warn(message);
        }
    }

    /** A short, value-free description of a failure: type and message, no stack, no arguments. */
    public static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getName() + (message == null ? "" : ": " + message);
    }
}
