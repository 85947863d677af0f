package io.cacheweaver.runtime.redis;

import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.BlockedThreadRelease;
import io.cacheweaver.runtime.remote.InvalidationListener;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPubSub;

/**
 * Listens for other instances' writes on the Redis channel and tells the runtime which local
 * entries to drop. One daemon thread holds the subscription and reconnects with backoff
 * (100 ms doubling to 5 s); a second pings it every {@code pingMillis}, and a subscription silent
 * for three pings counts as lost — a frozen Redis keeps the TCP connection open but answers
 * nothing. Whenever messages may have been missed (the subscription was lost, or never worked
 * yet while this instance was already caching) every local layer is cleared.
 * <p>
 * The first subscription also warms up what a message and the read that follows it run (class
 * loading and interpretation in the isolated loader): without it the first message an instance
 * heard took 5–12 ms to apply, during which the old local value was still served, and the first
 * value then read back from Redis another ~30–50 ms.
 * <p>
 * This class decides when; {@link IncomingInvalidations} applies each message, and does the
 * warm-up and the clearing.
 */
final class InvalidationChannel {
    private static final long MIN_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final String channel;
    private final Supplier<Connection> connector;
    private final long pingMillis;
    private final String endpoint;
    private final IncomingInvalidations incoming;
    private volatile Subscriber current;
    private volatile boolean closed;
    private volatile boolean announced;
    /** Counted down once the first subscription is up, or its first attempt failed. */
    private final java.util.concurrent.CountDownLatch firstAttempt = new java.util.concurrent.CountDownLatch(1);
    private boolean mayHaveMissed = true; // subscriber thread only: nothing heard before the first subscribe
    private Thread thread;
    private ScheduledExecutorService pinger;
    private BlockedThreadRelease.Registration release;

    /** {@code readWarmUp}: runs the decoding a read after an invalidation will run (see {@link IncomingInvalidations#warmUp}). */
    InvalidationChannel(String channel, String instanceId, Supplier<Connection> connector, long pingMillis,
                        Generations generations, String endpoint, Runnable readWarmUp) {
        this.channel = channel;
        this.connector = connector;
        this.pingMillis = pingMillis;
        this.endpoint = endpoint;
        this.incoming = new IncomingInvalidations(channel, instanceId, generations, endpoint, readWarmUp);
    }

    void listener(InvalidationListener listener) {
        incoming.listener(listener);
    }

    /** What tag messages and outside messages update, and where they are counted. */
    void tagsAndTraffic(TagGenerations tagGenerations, InvalidationTraffic counters) {
        incoming.tagsAndTraffic(tagGenerations, counters);
    }

    synchronized void start() {
        if (thread != null || closed) {
            return;
        }
        thread = new Thread(this::run, "cacheweaver-redis-invalidation");
        thread.setDaemon(true); // never keeps the application alive
        thread.start();
        pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cacheweaver-redis-ping");
            t.setDaemon(true);
            return t;
        });
        pinger.scheduleWithFixedDelay(this::ping, pingMillis, pingMillis, TimeUnit.MILLISECONDS);
        // the subscriber blocks in a native socket read: disconnected at exit, or every exit waits 300 ms for it
        release = BlockedThreadRelease.atExit("the invalidation subscription", this::close);
    }

    synchronized void close() {
        closed = true;
        if (release != null) {
            release.cancel();
        }
        if (pinger != null) {
            pinger.shutdownNow();
        }
        Subscriber s = current;
        if (s != null) {
            s.disconnect();
        }
    }

    /**
     * Waits, at most {@code millis}, until the first subscription is up or its first attempt has
     * failed. The first subscription clears the local layers (anything cached before it may have
     * missed an invalidation), and a load running across it is not kept: the agent waits here
     * once before the first woven call, so that an application calling a cached method at once
     * is not answered by a load whose value is then thrown away.
     */
    void awaitFirstAttempt(long millis) {
        try {
            firstAttempt.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the subscription is up right now (for tests and diagnostics). */
    boolean subscribed() {
        Subscriber s = current;
        return s != null && s.isSubscribed();
    }

    private void run() {
        long backoff = MIN_BACKOFF_MILLIS;
        while (!closed) {
            Subscriber subscriber = null;
            try {
                Connection connection = connector.get();
                subscriber = new Subscriber(connection);
                current = subscriber;
                subscriber.proceed(connection, channel); // returns or throws when the subscription ends
            } catch (RuntimeException | LinkageError e) {
                if (!closed) {
                    AgentLog.warnRateLimited("redis-subscriber", "redis " + endpoint + ": invalidation subscription failed ("
                            + e.getClass().getSimpleName() + "); retrying in the background");
                }
            } finally {
                current = null;
                if (subscriber != null) {
                    subscriber.disconnect();
                }
            }
            firstAttempt.countDown(); // failed (or ended): nobody waits for a subscription that may take a while
            if (closed) {
                return;
            }
            if (subscriber != null && subscriber.wasSubscribed) {
                backoff = MIN_BACKOFF_MILLIS;
                incoming.resynchronize(); // from now on messages go unheard
            }
            mayHaveMissed = true;
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff)); // reconnect backoff, not synchronization
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    private void ping() {
        Subscriber s = current;
        if (s != null && s.isSubscribed()) {
            try {
                s.ping();
            } catch (RuntimeException e) {
                s.disconnect(); // the subscriber thread sees the failure and reconnects
            }
        }
    }

    private final class Subscriber extends JedisPubSub {
        private final Connection connection;
        volatile boolean wasSubscribed;

        Subscriber(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            // Jedis reads a subscription without a timeout; with pings every pingMillis, a read
            // that waits 3 pings long means Redis stopped answering
            connection.setSoTimeout((int) Math.min(Integer.MAX_VALUE, pingMillis * 3));
            wasSubscribed = true;
            if (mayHaveMissed) {
                mayHaveMissed = false;
                incoming.resynchronize();
            }
            if (!announced) {
                announced = true;
                incoming.warmUp(); // before announcing: "listening" then means a message is applied at full speed
                AgentLog.info("redis " + endpoint + ": listening for invalidations on " + channel);
                firstAttempt.countDown();
            } else {
                AgentLog.debug("redis " + endpoint + ": invalidation subscription re-established");
            }
        }

        @Override
        public void onMessage(String channel, String text) {
            incoming.apply(text);
        }

        void disconnect() {
            try {
                connection.close();
            } catch (RuntimeException e) {
                // already broken: nothing to release
            }
        }
    }
}
