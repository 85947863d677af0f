package io.cacheweaver.runtime;

import io.cacheweaver.runtime.settings.Settings;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one {@link WriteBehindQueue} of this JVM, its agent threads ({@code cacheweaver-write-behind-N})
 * and its flushes: on an orderly exit (a shutdown hook, which {@code System.exit}, the end of
 * {@code main} and SIGTERM all run) and on request (JMX). Created on the first write-behind
 * call, so an application without write-behind rules starts no thread and installs no hook.
 * A crash ({@code kill -9}) runs no hook: what was pending then is lost.
 */
public final class WriteBehindPool {
    private static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(10);
    private static volatile int threads = Settings.WRITE_BEHIND_THREADS.fallback();
    private static volatile WriteBehindQueue queue;
    /** Waiting writes per rule id, against its maxQueue; kept across reloads, as the writes are. */
    private static final ConcurrentHashMap<String, AtomicInteger> QUOTAS = new ConcurrentHashMap<>();

    private WriteBehindPool() {
    }

    /** Which write a slot holds: a key of a cache, by name, so a reload that rebuilds the cache keeps its pending writes visible. */
    record SlotKey(String cache, Object key) {
    }

    /** Sizes the pool from the settings; called once at startup, before any write can be queued. */
    public static void size(int threadCount) {
        threads = threadCount;
    }

    static AtomicInteger quota(String ruleId) {
        return QUOTAS.computeIfAbsent(ruleId, id -> new AtomicInteger());
    }

    static WriteBehindQueue queue() {
        WriteBehindQueue current = queue;
        if (current == null) {
            synchronized (WriteBehindPool.class) {
                current = queue;
                if (current == null) {
                    current = queue = create();
                }
            }
        }
        return current;
    }

    private static WriteBehindQueue create() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads, ReplayThread.factory("cacheweaver-write-behind"));
        executor.setRemoveOnCancelPolicy(true); // a flush reschedules timers: the cancelled ones must not linger
        executor.setKeepAliveTime(30, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true); // idle: no threads at all
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(WriteBehindPool::flushAtExit, "cacheweaver-write-behind-exit"));
        } catch (IllegalStateException exiting) {
            AgentLog.warn("write-behind: the JVM is already exiting; writes queued now may be lost");
        }
        return new WriteBehindQueue(executor);
    }

    /** What a reader of {@code key} in {@code cache} must see while a write of it is pending, or {@link PendingWrite#NO_VALUE}. */
    static Object pendingValue(String cache, Object key) {
        WriteBehindQueue current = queue;
        return current == null ? PendingWrite.NO_VALUE : current.pendingValue(new SlotKey(cache, key));
    }

    /** Starts every pending write now and waits for them (at most the longest flushTimeout among them); a one-line outcome. */
    public static String flush() {
        WriteBehindQueue current = queue;
        if (current == null) {
            return "write-behind: nothing pending";
        }
        Duration timeout = current.longestFlushTimeout();
        WriteBehindQueue.FlushReport report = current.flush(timeout == null ? DEFAULT_FLUSH_TIMEOUT : timeout);
        return describe("flush", report, "still pending");
    }

    private static void flushAtExit() {
        WriteBehindQueue current = queue;
        Duration timeout = current == null ? null : current.longestFlushTimeout();
        if (timeout == null) {
            return; // nothing pending
        }
        AgentLog.info("write-behind: the JVM is exiting; flushing " + current.pending() + " pending write(s), for at most "
                + timeout.toMillis() + " ms (flushTimeout)");
        WriteBehindQueue.FlushReport report = current.flush(timeout);
        String line = describe("exit flush", report, "not written (lost)");
        if (report.remaining() > 0 || report.givenUp() > 0) {
            AgentLog.warn(line);
        } else {
            AgentLog.info(line);
        }
    }

    private static String describe(String what, WriteBehindQueue.FlushReport report, String remaining) {
        return "write-behind: " + what + " done in " + report.millis() + " ms: " + report.written() + " written, "
                + report.givenUp() + " given up, " + report.remaining() + " " + remaining
                + (report.remaining() > 0 ? " (flushTimeout reached)" : "");
    }
}
