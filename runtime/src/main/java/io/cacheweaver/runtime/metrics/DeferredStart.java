package io.cacheweaver.runtime.metrics;

import io.cacheweaver.runtime.AgentLog;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Runs a start-up task on a daemon thread once the application has set up java.util.logging (or
 * after {@code maxDelay} when no custom LogManager is configured), for the same reason as the JMX
 * registration ({@link io.cacheweaver.runtime.jmx.JmxRegistry}): the JDK's HTTP server logs
 * through System.Logger, and initializing the LogManager from premain would fix it before the
 * application chose its own. Threads it starts inherit its daemon status, so none of them keeps
 * the JVM alive.
 */
final class DeferredStart {
    private static final long POLL_MILLIS = 50;

    private DeferredStart() {
    }

    static void afterLogging(String threadName, BooleanSupplier logManagerLoaded, Duration maxDelay, Runnable task) {
        boolean customLogManager = System.getProperty("java.util.logging.manager") != null
                || System.getenv("JBOSS_HOME") != null || System.getProperty("jboss.modules.system.pkgs") != null;
        Thread thread = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + maxDelay.toNanos();
                while (!logManagerLoaded.getAsBoolean() && (customLogManager || System.nanoTime() < deadline)) {
                    Thread.sleep(POLL_MILLIS);
                }
                task.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                AgentLog.error(threadName + ": " + AgentLog.describe(t));
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
    }
}
