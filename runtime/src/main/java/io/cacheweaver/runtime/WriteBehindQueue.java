package io.cacheweaver.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pending writes of write-behind rules, one slot per cache key. A slot holds at most one
 * write waiting for its turn and one running (or waiting for a retry); a call for a key that
 * already has a waiting write replaces it (coalescing: only the latest call's body runs, at the
 * time the first one was due). Bodies of one key never overlap and run in call order; bodies of
 * different keys run in parallel on the executor's threads. A body that throws is retried with
 * backoff, at most {@code retries} times, then given up.
 *
 * <p>Bounded: a rule has at most {@code maxQueue} waiting writes; a call beyond that is refused
 * ({@link #submit} returns false) and the caller runs the body itself, so nothing is dropped.
 */
final class WriteBehindQueue {
    /** A retry waits this long times 2^(attempt-1), and at least the rule's delay up to this. */
    private static final long BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ScheduledExecutorService executor;
    private final ConcurrentHashMap<Object, Slot> slots = new ConcurrentHashMap<>();
    /** Notified whenever a slot empties: what a flush waits on. */
    private final Object idle = new Object();
    /** Flushes in progress: while one runs, writes start as soon as their key is free. */
    private final AtomicInteger flushing = new AtomicInteger();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();

    /** The writes of one key. Fields are written under the map's lock for the key, read without it by readers. */
    private static final class Slot {
        volatile PendingWrite waiting;
        volatile PendingWrite running;
        CompletableFuture<Void> done;   // completes when running ends
        ScheduledFuture<?> timer;       // starts waiting when it is due
    }

    /** What a flush achieved: writes completed and given up while it ran, and how many were still pending at its end. */
    record FlushReport(long written, long givenUp, int remaining, long millis) {
    }

    WriteBehindQueue(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /**
     * Queues {@code write}, or coalesces it with the write waiting for the same key. False when
     * its rule already has {@code maxQueue} writes waiting and the key has none to coalesce
     * with: then nothing was queued, and the caller must run the body itself.
     */
    boolean submit(PendingWrite write) {
        boolean[] queued = {false};
        slots.compute(write.slot, (key, slot) -> {
            if (slot != null && slot.waiting != null) {
                coalesce(slot, write);
                queued[0] = true;
                return slot;
            }
            if (write.rulePending.incrementAndGet() > write.settings.maxQueue()) {
                write.rulePending.decrementAndGet();
                return slot;
            }
            Slot mine = slot == null ? new Slot() : slot;
            long delay = flushing.get() > 0 ? 0 : write.settings.delay().toNanos();
            write.dueNanos = System.nanoTime() + delay;
            write.counters.writeBehindPending.increment();
            mine.waiting = write;
            if (mine.running == null) {
                mine.timer = executor.schedule(() -> start(key), delay, TimeUnit.NANOSECONDS);
            } // else it is scheduled when the running one ends
            queued[0] = true;
            return mine;
        });
        return queued[0];
    }

    /** The later call takes the waiting one's place, and its due time: within the delay of the first, only the latest runs. */
    private static void coalesce(Slot slot, PendingWrite write) {
        PendingWrite replaced = slot.waiting;
        write.dueNanos = replaced.dueNanos;
        replaced.counters.writeBehindCoalesced.increment();
        if (replaced.rulePending != write.rulePending) {
            replaced.rulePending.decrementAndGet(); // another rule writing the same key: the quota moves with the write
            write.rulePending.incrementAndGet();
        }
        replaced.counters.writeBehindPending.decrement();
        write.counters.writeBehindPending.increment();
        slot.waiting = write;
    }

    /** The waiting write of {@code key} is due: it becomes the running one, unless one runs already (it is started after). */
    private void start(Object key) {
        PendingWrite[] started = {null};
        slots.computeIfPresent(key, (k, slot) -> {
            PendingWrite write = slot.waiting;
            if (write == null || slot.running != null) {
                return slot;
            }
            slot.waiting = null;
            slot.timer = null;
            write.rulePending.decrementAndGet();
            write.counters.writeBehindPending.decrement();
            slot.running = write;
            slot.done = new CompletableFuture<>();
            started[0] = write;
            return slot;
        });
        if (started[0] != null) {
            attempt(key, started[0]);
        }
    }

    private void attempt(Object key, PendingWrite write) {
        write.attempts++;
        Throwable failure = null;
        try {
            write.runBody();
        } catch (Throwable t) {
            failure = t;
        }
        if (failure != null && write.attempts <= write.settings.retries()) {
            executor.schedule(() -> attempt(key, write), backoffNanos(write), TimeUnit.NANOSECONDS);
            return; // still the running write of its key: later calls wait for it
        }
        try {
            if (failure == null) {
                write.counters.writeBehindWritten.increment();
                written.incrementAndGet();
                write.written();
            } else {
                write.counters.writeBehindFailures.increment();
                givenUp.incrementAndGet();
                Slot slot = slots.get(key);
                write.gaveUp(failure, slot != null && slot.waiting != null);
            }
        } catch (RuntimeException e) {
            AgentLog.warn("write-behind: internal error after a write: " + e.getClass().getName());
        } finally {
            finish(key, write); // whatever happened above, the key's next write must get its turn
        }
    }

    private long backoffNanos(PendingWrite write) {
        long base = Math.max(BACKOFF_NANOS, Math.min(write.settings.delay().toNanos(), TimeUnit.SECONDS.toNanos(1)));
        return Math.min(MAX_BACKOFF_NANOS, base << Math.min(write.attempts - 1, 16));
    }

    /** The running write of {@code key} ended: the one waiting behind it is scheduled for its due time, else the slot goes. */
    private void finish(Object key, PendingWrite write) {
        CompletableFuture<?>[] done = {null};
        slots.computeIfPresent(key, (k, slot) -> {
            if (slot.running != write) {
                return slot;
            }
            slot.running = null;
            done[0] = slot.done;
            slot.done = null;
            PendingWrite next = slot.waiting;
            if (next == null) {
                return null;
            }
            long wait = flushing.get() > 0 ? 0 : Math.max(0, next.dueNanos - System.nanoTime());
            slot.timer = executor.schedule(() -> start(k), wait, TimeUnit.NANOSECONDS);
            return slot;
        });
        if (done[0] != null) {
            done[0].complete(null);
        }
        if (slots.isEmpty()) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /**
     * The value of the newest write of {@code slot} that is waiting or running (what a reader of
     * that key must see), or {@link PendingWrite#NO_VALUE}.
     */
    Object pendingValue(Object slot) {
        Slot s = slots.isEmpty() ? null : slots.get(slot);
        if (s == null) {
            return PendingWrite.NO_VALUE;
        }
        PendingWrite newest = s.waiting;
        if (newest == null) {
            newest = s.running;
        }
        return newest == null ? PendingWrite.NO_VALUE : newest.value;
    }

    /**
     * Waits, at most {@code maxNanos}, until the write of {@code slot} that is running ends: a
     * caller that runs its body itself keeps the key's order. False when it did not end in time.
     */
    boolean awaitRunning(Object slot, long maxNanos) {
        CompletableFuture<?>[] done = {null};
        slots.computeIfPresent(slot, (k, s) -> {
            done[0] = s.done;
            return s;
        });
        if (done[0] == null) {
            return true;
        }
        try {
            done[0].get(maxNanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception timeout) {
            return false;
        }
    }

    /** Writes waiting or running. */
    int pending() {
        int count = 0;
        for (Slot slot : slots.values()) {
            count += (slot.waiting != null ? 1 : 0) + (slot.running != null ? 1 : 0);
        }
        return count;
    }

    /** The longest {@code flushTimeout} of the writes now pending, or {@code null} when there are none. */
    Duration longestFlushTimeout() {
        Duration longest = null;
        for (Slot slot : slots.values()) {
            for (PendingWrite write : new PendingWrite[] {slot.waiting, slot.running}) {
                if (write != null && (longest == null || write.settings.flushTimeout().compareTo(longest) > 0)) {
                    longest = write.settings.flushTimeout();
                }
            }
        }
        return longest;
    }

    /**
     * Starts every waiting write now (each key's after the one running) and waits until none is
     * left, at most {@code timeout}. Calls made meanwhile are written without delay too.
     */
    FlushReport flush(Duration timeout) {
        long begin = System.nanoTime();
        long deadline = begin + timeout.toNanos();
        long writtenBefore = written.get();
        long givenUpBefore = givenUp.get();
        flushing.incrementAndGet();
        try {
            for (Object key : slots.keySet()) {
                slots.computeIfPresent(key, (k, slot) -> {
                    if (slot.timer != null && slot.timer.cancel(false)) {
                        slot.timer = executor.schedule(() -> start(k), 0, TimeUnit.NANOSECONDS);
                    }
                    return slot;
                });
            }
            synchronized (idle) {
                long left;
                while (!slots.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                    idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            flushing.decrementAndGet();
        }
        return new FlushReport(written.get() - writtenBefore, givenUp.get() - givenUpBefore, pending(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    }
}
