package io.cacheweaver.runtime.redis;

import io.cacheweaver.runtime.remote.RemoteLayer.RemoteHit;
import io.cacheweaver.runtime.remote.RemoteLayer.RemoteRead;
import io.cacheweaver.runtime.remote.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The batch commands of {@link RedisLayer} (batch rules, rules-v1 §6): one {@code MGET} for the
 * keys a batch call missed locally (one per hash slot on a cluster, where a command may only
 * touch keys of one slot), and pipelined stores and evicts announced in one invalidation
 * message. Fail-open like every other command: a failure is a miss or a skipped write.
 */
final class RedisBatches {
    private final RedisLayer layer;

    RedisBatches(RedisLayer layer) {
        this.layer = layer;
    }

    List<RemoteRead> readMany(String cache, List<String> keys, ValueType type) {
        List<ConditionalSet.Seen> seen = layer.call(cache, "mget", redis -> {
            long generation = layer.generation(redis, cache);
            byte[][] dataKeys = new byte[keys.size()][];
            for (int i = 0; i < dataKeys.length; i++) {
                dataKeys[i] = layer.keys.data(cache, generation, keys.get(i));
            }
            List<byte[]> stored = mget(redis, dataKeys);
            List<ConditionalSet.Seen> found = new ArrayList<>(dataKeys.length);
            for (int i = 0; i < dataKeys.length; i++) {
                byte[] value = stored.get(i);
                if (value != null && !layer.codec.fits(value)) {
                    redis.del(dataKeys[i]); // as a single read does: too large to use, never read again
                    value = null;
                }
                found.add(new ConditionalSet.Seen(dataKeys[i], value));
            }
            return found;
        });
        List<RemoteRead> reads = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            reads.add(seen == null ? new RemoteRead(null, null) : read(cache, seen.get(i), type));
        }
        return reads;
    }

    /** The same outcome {@link RedisLayer#read} has for one key. */
    private RemoteRead read(String cache, ConditionalSet.Seen seen, ValueType type) {
        if (seen.stored() == null || ConditionalSet.isTombstone(seen.stored())) {
            return new RemoteRead(null, seen);
        }
        RemoteHit hit = layer.decode(cache, seen.dataKey(), seen.stored(), type);
        return new RemoteRead(hit, hit != null ? seen : new ConditionalSet.Seen(seen.dataKey(), null));
    }

    /** MGET, split by hash slot on a cluster; the values in the order of {@code dataKeys}. */
    private static List<byte[]> mget(UnifiedJedis redis, byte[][] dataKeys) {
        if (!(redis instanceof JedisCluster)) {
            return redis.mget(dataKeys);
        }
        Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
        for (int i = 0; i < dataKeys.length; i++) {
            bySlot.computeIfAbsent(JedisClusterCRC16.getSlot(dataKeys[i]), slot -> new ArrayList<>()).add(i);
        }
        byte[][] values = new byte[dataKeys.length][];
        for (List<Integer> positions : bySlot.values()) {
            byte[][] slotKeys = new byte[positions.size()][];
            for (int j = 0; j < slotKeys.length; j++) {
                slotKeys[j] = dataKeys[positions.get(j)];
            }
            List<byte[]> slotValues = redis.mget(slotKeys);
            for (int j = 0; j < slotKeys.length; j++) {
                values[positions.get(j)] = slotValues.get(j);
            }
        }
        return Arrays.asList(values);
    }

    void putMany(String cache, List<String> keys, List<Object> values, long[] ttlMillis, long[] freshMillis) {
        List<String> written = new ArrayList<>(keys.size());
        List<byte[]> stored = new ArrayList<>(keys.size());
        List<Long> ttls = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            byte[] encoded = layer.storedForm.encode(cache, values.get(i), freshMillis[i], null);
            if (encoded != null) {
                written.add(keys.get(i));
                stored.add(encoded);
                ttls.add(ttlMillis[i]);
            }
        }
        if (written.isEmpty()) {
            return;
        }
        layer.call(cache, "set", redis -> {
            long generation = layer.generation(redis, cache);
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (int i = 0; i < written.size(); i++) {
                    pipeline.set(layer.keys.data(cache, generation, written.get(i)), stored.get(i),
                            SetParams.setParams().px(ttls.get(i)));
                }
                pipeline.sync();
            }
            publishMany(redis, cache, written);
            return Boolean.TRUE;
        });
    }

    /**
     * The values a batch call loaded, each a compare-and-set against what its miss saw (as
     * {@link RedisLayer#putLoaded}), in one pipeline, announced in one message.
     */
    boolean[] putLoadedMany(String cache, List<String> keys, List<Object> values, long[] ttlMillis, long[] freshMillis,
                            Object[] seen) {
        boolean[] stored = new boolean[keys.size()];
        List<Integer> sent = new ArrayList<>();
        List<byte[]> encoded = new ArrayList<>();
        for (int i = 0; i < stored.length; i++) {
            stored[i] = true; // not stored remotely, but nothing newer was seen either (see RemoteLayer#putLoaded)
            if (seen[i] instanceof ConditionalSet.Seen) {
                byte[] bytes = layer.storedForm.encode(cache, values.get(i), freshMillis[i], null);
                if (bytes != null) {
                    sent.add(i);
                    encoded.add(bytes);
                }
            }
        }
        if (sent.isEmpty()) {
            return stored;
        }
        layer.call(cache, "set", redis -> {
            List<redis.clients.jedis.Response<Object>> answers = new ArrayList<>(sent.size());
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (int j = 0; j < sent.size(); j++) {
                    int i = sent.get(j);
                    answers.add(layer.conditional.set(pipeline, (ConditionalSet.Seen) seen[i], encoded.get(j), ttlMillis[i]));
                }
                pipeline.sync();
            }
            List<String> written = new ArrayList<>();
            for (int j = 0; j < sent.size(); j++) {
                int i = sent.get(j);
                stored[i] = ConditionalSet.done(answers.get(j).get());
                if (stored[i]) {
                    written.add(keys.get(i));
                }
            }
            if (!written.isEmpty()) {
                publishMany(redis, cache, written);
            }
            return Boolean.TRUE;
        });
        return stored;
    }

    /** Tombstones rather than DEL, as {@link RedisLayer#evict} writes them, for the stale-set protection. */
    void evictMany(String cache, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        layer.call(cache, "evict", redis -> {
            long generation = layer.generation(redis, cache);
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (String key : keys) {
                    pipeline.set(layer.keys.data(cache, generation, key), layer.conditional.tombstone(),
                            SetParams.setParams().px(layer.options.tombstoneTime().toMillis()));
                }
                pipeline.sync();
            }
            publishMany(redis, cache, keys);
            return Boolean.TRUE;
        });
    }

    /** One message for the whole batch; a single key goes as the plain one-key message. */
    private void publishMany(UnifiedJedis redis, String cache, List<String> keys) {
        if (keys.size() == 1) {
            layer.publish(redis, 'K', 0, cache, keys.get(0));
        } else {
            layer.publish(redis, 'M', 0, cache, PeerMessage.packKeys(keys));
        }
    }
}
