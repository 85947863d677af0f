package io.cacheweaver.runtime.redis;

import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.remote.RemoteLayer.RemoteHit;
import io.cacheweaver.runtime.remote.RemoteLayer.RemoteRead;
import io.cacheweaver.runtime.remote.ValueType;
import java.io.IOException;
import redis.clients.jedis.params.SetParams;

/**
 * The single-key commands of {@link RedisLayer}: a read with its checks (size, tombstone, tags,
 * a value that does not read back), a store, and the conditional store of a load. The batch
 * forms of the same are {@link RedisBatches}. Fail-open like every other command: a failure is
 * a miss or a skipped write.
 */
final class SingleKeyCommands {
    private final RedisLayer layer;
    private final FailOpenCalls calls;
    private final InvalidationWriter writer;

    SingleKeyCommands(RedisLayer layer, FailOpenCalls calls, InvalidationWriter writer) {
        this.layer = layer;
        this.calls = calls;
        this.writer = writer;
    }

    RemoteRead read(String cache, String key, ValueType type) {
        boolean[] outdated = {false}; // a tag of the stored value was evicted after it was stored: a miss
        ConditionalSet.Seen seen = calls.call(cache, "get", redis -> {
            byte[] dataKey = layer.keys.data(cache, layer.generation(redis, cache), key);
            byte[] stored = redis.get(dataKey);
            if (stored != null && !layer.codec.fits(stored)) {
                redis.del(dataKey);
                stored = null;
            }
            outdated[0] = stored != null && !layer.storedForm.tagsCurrent(redis, stored);
            return new ConditionalSet.Seen(dataKey, stored);
        });
        if (seen == null) {
            return new RemoteRead(null, null);
        }
        if (seen.stored() == null || ConditionalSet.isTombstone(seen.stored()) || outdated[0]) {
            return new RemoteRead(null, seen); // a tombstone is an evicted key: a miss, and no error
        }
        RemoteHit hit = decode(cache, seen.dataKey(), seen.stored(), type);
        return new RemoteRead(hit, hit != null ? seen : new ConditionalSet.Seen(seen.dataKey(), null));
    }

    /** The value in {@code stored}, or {@code null} (counted, and the bad entry deleted) when it does not read back. */
    RemoteHit decode(String cache, byte[] dataKey, byte[] stored, ValueType type) {
        try {
            return layer.codec.decode(stored, type);
        } catch (IOException | RuntimeException | LinkageError | StackOverflowError e) {
            calls.count(cache);
            AgentLog.warnRateLimited("redis-decode-" + cache, "cache " + cache + ": a value in Redis does not read back as "
                    + type.type().getTypeName() + " (" + e.getClass().getSimpleName() + "); treated as a miss and deleted");
            calls.call(cache, "del", redis -> redis.del(dataKey));
            return null;
        }
    }

    void put(String cache, String key, Object value, long ttlMillis, long freshMillis, ValueType type, String[] tags) {
        StoredForm storedForm = layer.storedForm;
        byte[] stored = storedForm.encode(cache, value, freshMillis, type);
        if (stored == null) {
            return;
        }
        Boolean done = calls.call(cache, "set", redis -> {
            byte[] bytes = tags == null ? stored : storedForm.tagged(cache, redis, stored, tags);
            if (bytes == null) {
                return Boolean.FALSE;
            }
            redis.set(layer.keys.data(cache, layer.generation(redis, cache), key), bytes,
                    SetParams.setParams().px(storedForm.storeMillis(ttlMillis, tags)));
            layer.publish(redis, 'K', 0, cache, key);
            return Boolean.TRUE;
        });
        if (done == null) {
            writer.defer(new Outbox.Key(cache, key)); // replayed as an evict: the newer value stays local only
        } else if (!done) {
            layer.evict(cache, key); // too large with its tags: the older value must not stay behind
        }
    }

    boolean putLoaded(String cache, String key, Object value, long ttlMillis, long freshMillis, Object seen, ValueType type,
                      String[] tags) {
        if (!(seen instanceof ConditionalSet.Seen before)) {
            return true; // the miss could not read Redis: store nothing there rather than risk a stale set
        }
        StoredForm storedForm = layer.storedForm;
        byte[] stored = storedForm.encode(cache, value, freshMillis, type);
        if (stored == null) {
            return true;
        }
        // into the key the miss read (its generation): after an evict-all the value is unreachable, as it should be
        Boolean set = calls.call(cache, "set", redis -> {
            byte[] bytes = tags == null ? stored : storedForm.tagged(cache, redis, stored, tags);
            if (bytes == null) {
                return Boolean.TRUE;
            }
            boolean done = layer.conditional.set(redis, before, bytes, storedForm.storeMillis(ttlMillis, tags));
            if (done) {
                layer.publish(redis, 'K', 0, cache, key);
            }
            return done;
        });
        return set == null || set;
    }
}
