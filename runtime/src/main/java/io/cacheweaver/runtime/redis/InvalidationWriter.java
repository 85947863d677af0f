package io.cacheweaver.runtime.redis;

import io.cacheweaver.runtime.AgentLog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Applies invalidations to Redis and broadcasts them: at once, or — while Redis is unreachable —
 * later, from the {@link Outbox}, before this instance uses Redis again (and in the background
 * every {@code pingInterval}, see {@link Replays}). The one place that knows what an evict, an
 * evict-all and a tag eviction write to Redis, for the rules, JMX and the command line alike.
 */
final class InvalidationWriter {
    private final RedisLayer layer;
    private final InvalidationTraffic traffic;
    private final Outbox outbox;
    private final Replays replays;
    private final Object replaying = new Object();
    private volatile Collection<String> knownCaches = List.of();
    private volatile boolean closed;

    InvalidationWriter(RedisLayer layer, int outboxSize, long retryMillis, InvalidationTraffic traffic) {
        this.layer = layer;
        this.traffic = traffic;
        this.outbox = new Outbox(outboxSize);
        // a Redis call with no work of its own: it replays the outbox first
        this.replays = new Replays(outbox, retryMillis, () -> layer.call("(outbox)", "replay", redis -> Boolean.TRUE));
    }

    /** Through the breaker, now; remembered for replay when Redis does not take it. */
    void invalidate(String cache, String operation, Outbox.Op op) {
        if (layer.call(cache, operation, redis -> apply(redis, op)) == null) {
            defer(op);
        }
    }

    /** Redis did not take an invalidation: remember it, to apply and broadcast before Redis is used again. */
    void defer(Outbox.Op op) {
        if (closed) {
            return;
        }
        outbox.add(op);
        traffic.deferred.increment();
        replays.start();
    }

    /** The caches an outbox past its bound clears ("every cache"). */
    void knownCaches(Collection<String> caches) {
        knownCaches = List.copyOf(caches);
    }

    /** Whether the next Redis call must {@link #replay} first: one volatile read. */
    boolean pending() {
        return outbox.pending();
    }

    /**
     * Applies what the outbox remembers, before the call that found it pending uses Redis: once
     * this instance talks to Redis again, no invalidation it made meanwhile is missing there.
     * Throws (the call then fails as a whole) when Redis fails again; the rest stays remembered.
     */
    void replay(UnifiedJedis redis) {
        synchronized (replaying) { // one replay at a time; other callers wait for it, then find it done
            // what was deferred while a drain was on its way is applied too, before the caller goes on
            for (int round = 0; round < 4 && outbox.pending(); round++) {
                replayOnce(redis);
            }
        }
    }

    private void replayOnce(UnifiedJedis redis) {
        Outbox.Drain drain = outbox.take();
        List<Outbox.Op> ops = new ArrayList<>(drain.ops());
        if (drain.everyCache()) {
            ops.clear();
            knownCaches.forEach(cache -> ops.add(new Outbox.All(cache)));
        }
        int done = 0;
        try {
            for (Outbox.Op op : ops) {
                apply(redis, op);
                done++;
            }
        } catch (RuntimeException | LinkageError e) {
            // a drain past the bound stays "every cache" when put back: its evict-alls are replayed (again)
            // as such, and the log still says why every cache was cleared
            outbox.putBack(new Outbox.Drain(ops.subList(done, ops.size()), drain.everyCache()));
            throw e;
        } finally {
            traffic.replayed.add(done);
        }
        outbox.replayed();
        AgentLog.info("redis " + layer.endpointName() + ": applied " + done + " invalidation(s) made while Redis was unreachable"
                + (drain.everyCache() ? " (more than redis.outboxSize: every cache was cleared)" : ""));
    }

    /** One invalidation applied to Redis and broadcast to the other instances (now, or replayed). */
    private Boolean apply(UnifiedJedis redis, Outbox.Op op) {
        long generation = write(redis, op);
        if (op instanceof Outbox.Key k) {
            layer.publish(redis, 'K', 0, k.cache(), k.key());
        } else if (op instanceof Outbox.All a) {
            layer.publish(redis, 'A', generation, a.cache(), null);
        } else {
            layer.publish(redis, 'T', generation, "", ((Outbox.Tag) op).tag());
        }
        return Boolean.TRUE;
    }

    /**
     * The command line's invalidation ({@link RedisLayer#invalidateNow}): written to Redis, then
     * published in the documented JSON format ({@link ExternalMessage}), as an outside publisher would.
     */
    void writeAndPublish(UnifiedJedis redis, String cache, String key, String tag) {
        Outbox.Op op = tag != null ? new Outbox.Tag(tag) : key == null ? new Outbox.All(cache) : new Outbox.Key(cache, key);
        write(redis, op);
        ExternalMessage message = tag != null ? ExternalMessage.tag(tag) : key == null ? ExternalMessage.all(cache)
                : ExternalMessage.key(cache, key);
        redis.publish(layer.keys.channel(), message.format());
    }

    /** What an invalidation changes in Redis; the new generation of an evict-all or a tag, else 0. */
    private long write(UnifiedJedis redis, Outbox.Op op) {
        RedisOptions options = layer.options;
        if (op instanceof Outbox.Key k) {
            // a tombstone rather than DEL: loads that started before this evict must not store afterwards (ConditionalSet)
            redis.set(layer.keys.data(k.cache(), layer.generation(redis, k.cache()), k.key()), layer.conditional.tombstone(),
                    SetParams.setParams().px(options.tombstoneTime().toMillis()));
            return 0;
        }
        if (op instanceof Outbox.All a) {
            long next = redis.incr(layer.keys.generation(a.cache()));
            layer.generationAdvanced(a.cache(), next);
            return next;
        }
        return layer.tagGenerations().advance(redis, ((Outbox.Tag) op).tag(), options.tagRetention().toMillis());
    }

    /**
     * Stops the background retries after one last attempt (bounded by the Redis timeout): an
     * evict made during an outage that has ended must not be lost with this JVM.
     */
    void close() {
        replays.close();
        if (outbox.pending()) {
            layer.call("(outbox)", "replay", redis -> Boolean.TRUE);
        }
        closed = true;
    }
}
