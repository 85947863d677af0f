package io.cacheweaver.runtime.redis;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Retries the {@link Outbox} in the background every {@code periodMillis} while it holds
 * something, so that invalidations made during an outage reach Redis (and the other instances)
 * soon after it is back, even when this instance makes no Redis call of its own. The thread is
 * a daemon started on the first deferred invalidation.
 */
final class Replays {
    private final Outbox outbox;
    private final long periodMillis;
    private final Runnable attempt; // one Redis call: it replays the outbox first
    private ScheduledExecutorService timer;
    private boolean closed;

    Replays(Outbox outbox, long periodMillis, Runnable attempt) {
        this.outbox = outbox;
        this.periodMillis = Math.max(10, periodMillis);
        this.attempt = attempt;
    }

    synchronized void start() {
        if (timer != null || closed) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cacheweaver-redis-outbox");
            t.setDaemon(true); // never keeps the application alive
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            if (outbox.pending()) {
                attempt.run(); // never throws: the call is fail-open
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
