package io.cacheweaver.runtime.redis;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stops talking to Redis for a while after it failed {@code threshold} times in a row, so that a
 * dead or frozen Redis costs the application nothing but a flag check per call. After
 * {@code openNanos}, one caller is let through as a probe: its success closes the breaker, its
 * failure opens it again. Consecutive failures (rather than a rate over a window) because a
 * cache call either works within its timeout or the server is in trouble; with five in a row the
 * breaker opens within one timeout burst and never on a lone hiccup.
 */
final class CircuitBreaker {
    /** Told about state changes, for logging. */
    interface Transitions {
        void opened(int failures);

        void closed();
    }

    private final int threshold;
    private final long openNanos;
    private final Transitions transitions;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicBoolean open = new AtomicBoolean();
    private final AtomicLong retryAt = new AtomicLong();

    CircuitBreaker(int threshold, long openNanos, Transitions transitions) {
        this.threshold = threshold;
        this.openNanos = openNanos;
        this.transitions = transitions;
    }

    /** Whether this call may use Redis: always while closed, one probe per cooldown while open. */
    boolean allow() {
        if (!open.get()) {
            return true;
        }
        long now = System.nanoTime();
        long at = retryAt.get();
        // exactly one caller per cooldown wins this race; a probe that hangs is bounded by the timeouts
        return now - at >= 0 && retryAt.compareAndSet(at, now + openNanos);
    }

    void success() {
        failures.set(0);
        if (open.compareAndSet(true, false)) {
            transitions.closed();
        }
    }

    void failure() {
        if (open.get()) {
            retryAt.set(System.nanoTime() + openNanos); // the probe failed: another full cooldown
            return;
        }
        if (failures.incrementAndGet() >= threshold) {
            retryAt.set(System.nanoTime() + openNanos);
            if (open.compareAndSet(false, true)) {
                transitions.opened(threshold);
            }
        }
    }

    boolean isOpen() {
        return open.get();
    }
}
