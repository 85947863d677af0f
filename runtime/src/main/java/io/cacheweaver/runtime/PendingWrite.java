package io.cacheweaver.runtime;

import io.cacheweaver.rules.WriteBehind;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One write-behind call as {@link WriteBehindQueue} sees it: where it belongs (its slot: cache
 * and key), what readers see while it is pending, its rule's settings and quota, and how to run
 * the method's body and what to do once that succeeded or was given up.
 */
abstract class PendingWrite {
    /** {@link #value} when the rule has no {@code value}: readers see nothing pending. */
    static final Object NO_VALUE = new Object();

    final Object slot;
    final Object value;
    final WriteBehind settings;
    final SiteCounters counters;
    /** Pending (not started) writes of this call's rule, against its {@code maxQueue}. */
    final AtomicInteger rulePending;
    /** When it is due ({@link System#nanoTime}); a later call for the same key inherits it. Written under the slot's lock. */
    long dueNanos;
    /** Runs of the body so far; only the thread running it reads or writes this. */
    int attempts;

    PendingWrite(Object slot, Object value, WriteBehind settings, SiteCounters counters, AtomicInteger rulePending) {
        this.slot = slot;
        this.value = value;
        this.settings = settings;
        this.counters = counters;
        this.rulePending = rulePending;
    }

    /** Runs the method's body once; throws what it threw. */
    abstract void runBody() throws Throwable;

    /** The body completed. */
    void written() {
    }

    /**
     * The body failed {@link #attempts} times: give it up. {@code superseded}: a later call for
     * the same key is pending, whose value is what the caches hold now.
     */
    void gaveUp(Throwable last, boolean superseded) {
    }
}
