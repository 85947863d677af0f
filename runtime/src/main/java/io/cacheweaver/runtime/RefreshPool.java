package io.cacheweaver.runtime;

import io.cacheweaver.runtime.settings.Settings;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The agent threads ({@link ReplayThread}s) that run reloads: refresh-ahead in the background,
 * and loads a caller waits for only up to {@code loadTimeout}. Bounded in threads and in queue: when both are full a
 * reload is simply not started (the entry ages until its ttl, or the caller loads itself), so a
 * slow source can never pile up work in the agent. Daemon threads: they never keep the
 * application's JVM alive. Created on first use, so an application without freshness settings
 * starts no thread.
 */
public final class RefreshPool {
    private static volatile int threads = Settings.REFRESH_THREADS.fallback();
    private static volatile int queue = Settings.REFRESH_QUEUE.fallback();

    private RefreshPool() {
    }

    /** Sizes the pool from the settings; called once at startup, before any reload can start. */
    public static void size(int threadCount, int queueLength) {
        threads = threadCount;
        queue = queueLength;
    }

    private static final class Holder {
        static final ThreadPoolExecutor EXECUTOR = create();
    }

    /** Runs {@code task} on an agent thread; {@code false} when the pool is saturated (nothing was started). */
    static boolean offer(Runnable task) {
        try {
            Holder.EXECUTOR.execute(task);
            return true;
        } catch (RejectedExecutionException saturated) {
            return false;
        }
    }

    private static ThreadPoolExecutor create() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), ReplayThread.factory("cacheweaver-refresh"), new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true); // idle: no threads at all
        return executor;
    }
}
