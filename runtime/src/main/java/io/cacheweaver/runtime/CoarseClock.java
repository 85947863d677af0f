package io.cacheweaver.runtime;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The clock of the local layer's hit path. Caffeine reads its ticker on every
 * {@code getIfPresent} of a cache with per-entry expiry, and on a virtual machine's clock source
 * (kvm-clock) that {@link System#nanoTime} was 30 of the 70 ns of a whole hit (issue 17,
 * {@code HitPathSteps}). While the local layers are read often enough for it to pay, this clock
 * answers a sample that a thread takes every {@link #TICK_NANOS} instead: a field read.
 *
 * <p>Sampling costs a thread waking a thousand times a second, ≈ 2–3 % of a core on the 2-core
 * test machine; that is what about a million real clock reads a second cost there. So the thread
 * counts the reads of a short window every {@link #PERIOD_NANOS} (in a striped counter) and
 * samples for the rest of the period only if that window had at least {@link #SAMPLE_ABOVE}
 * reads (twice that break-even). An application that hits less often reads the real clock as
 * before, and the thread wakes twenty times a second. A clock that is sampling keeps sampling
 * through its next window, whose reads are counted but answered with the sample: a busy cache
 * never goes back to real reads only to be counted (a tenth of its reads, before).
 *
 * <p>While sampling, an entry's lifetime is off by up to a tick either way, because both its write
 * and the read that finds it are stamped with a sample: it may expire a tick early (a miss) or be
 * served a tick (or, after a stop-the-world pause, until this thread runs again) past its ttl. A
 * refresh-ahead starts up to a tick late.
 */
final class CoarseClock implements Ticker {
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Reads in one window above which sampling pays for its thread: 2 million a second. */
    static final long SAMPLE_ABOVE = 20_000;

    /** The one clock of this runtime; its thread starts with the first local layer. */
    static final CoarseClock SHARED = new CoarseClock(SAMPLE_ABOVE);

    /** {@link #mode} bits: reads are counted (a window is open); reads answer the sample. */
    private static final int COUNTED = 1;
    private static final int SAMPLED = 2;

    private final long sampleAbove;
    private final LongAdder windowReads = new LongAdder();
    private volatile long now = System.nanoTime();
    /** {@link #COUNTED} and {@link #SAMPLED}; written only by the clock's thread (or a test stepping it). */
    private volatile int mode;
    private Thread thread;

    CoarseClock(long sampleAbove) {
        this.sampleAbove = sampleAbove;
    }

    @Override
    public long read() {
        int current = mode;
        if (current == SAMPLED) {
            return now; // the hit path of a busy cache: two field reads
        }
        if ((current & COUNTED) != 0) {
            windowReads.increment();
        }
        return (current & SAMPLED) != 0 ? now : System.nanoTime();
    }

    /** Starts the thread, once; until then every read is a real one. */
    synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::run, "cacheweaver-clock");
        thread.setDaemon(true); // never keeps the application alive
        thread.setContextClassLoader(null);
        try {
            thread.start();
        } catch (Throwable refused) {
            // a security manager or a thread limit: every read stays a real one, the cache works as before
            AgentLog.debug("clock thread not started (" + refused + "); the local layer reads the system clock");
        }
    }

    private void run() {
        try {
            while (true) {
                openWindow();
                pass(WINDOW_NANOS);
                closeWindow();
                pass(PERIOD_NANOS - WINDOW_NANOS);
            }
        } finally {
            mode = 0; // should this thread ever die, a frozen sample must not stop entries from expiring
        }
    }

    /** Lets {@code nanos} pass: sampling every tick while the clock samples, else in one park. */
    private void pass(long nanos) {
        if ((mode & SAMPLED) == 0) {
            LockSupport.parkNanos(this, nanos);
            return;
        }
        long until = System.nanoTime() + nanos;
        do {
            LockSupport.parkNanos(this, TICK_NANOS);
            sample();
        } while (System.nanoTime() - until < 0);
    }

    /** Counts reads from now on; a sampling clock goes on answering its samples (the tests step the clock through these three). */
    void openWindow() {
        windowReads.reset();
        mode |= COUNTED;
    }

    /** Ends the count; samples from now on if the window had enough reads, else reads the real clock, and says which. */
    boolean closeWindow() {
        mode &= ~COUNTED;
        if (windowReads.sum() < sampleAbove) {
            mode = 0;
            return false;
        }
        if (mode != SAMPLED) {
            sample();
            mode = SAMPLED; // after the sample: a reader that sees the mode sees a fresh one
        }
        return true;
    }

    void sample() {
        now = System.nanoTime();
    }
}
