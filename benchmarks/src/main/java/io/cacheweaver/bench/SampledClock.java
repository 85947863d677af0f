package io.cacheweaver.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmarks' copy of what the runtime's {@code CoarseClock} does on a busy hit path:
 * {@link System#nanoTime} sampled by a daemon thread every millisecond. It gives the hand-written
 * baseline the same clock as cacheweaver's local layer, so that a ratio against it shows the
 * agent's own cost apart from the clock's.
 */
final class SampledClock implements Ticker {
    static final SampledClock INSTANCE = new SampledClock();

    private volatile long now = System.nanoTime();

    private SampledClock() {
        Thread thread = new Thread(() -> {
            while (true) {
                now = System.nanoTime();
                LockSupport.parkNanos(1_000_000);
            }
        }, "bench-sampled-clock");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public long read() {
        return now;
    }
}
