package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One in-progress load of one key. Concurrent callers that miss the same key wait for it
 * instead of running the method again; the wait is bounded, after which they run the method
 * themselves (a slow or stuck load must never stall the whole application).
 */
final class Flight {
    private static final java.util.concurrent.atomic.AtomicLong STARTED = new java.util.concurrent.atomic.AtomicLong();

    final Thread owner = Thread.currentThread();
    /** When this flight started, relative to the others: a batch waits only for flights older than its own (no deadlock). */
    final long order = STARTED.incrementAndGet();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile CacheHit outcome;

    void succeed(Object value) {
        outcome = new CacheHit(value);
        done.countDown();
    }

    void fail() {
        done.countDown();
    }

    /** The loaded value, or {@code null} when the load failed or did not finish in time. */
    CacheHit await(long timeoutNanos) {
        try {
            if (done.await(timeoutNanos, TimeUnit.NANOSECONDS)) {
                return outcome;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the application's interrupt; just stop waiting
        }
        return null;
    }
}
