package io.cacheweaver.runtime.redis;

import io.cacheweaver.runtime.remote.RemoteLayer.Stored;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ZAddParams;

/**
 * Pre-warming in Redis: the record of each cache's hot keys, and fetching many values at once.
 *
 * <p>The record is one sorted set per cache, {@code <prefix><cache>:hot}: each instance adds its
 * hottest keys with scores that rank them, and trims the set to {@code top} members, so it never
 * grows past what the rules ask for, whatever the number of instances. It expires a week after
 * the last instance wrote it: an application that stopped for good leaves nothing behind.
 */
final class HotKeys {
    private static final long KEEP_MILLIS = 7L * 24 * 3600 * 1000;

    private final RedisLayer layer;
    private final RedisKeys keys;

    HotKeys(RedisLayer layer, RedisKeys keys) {
        this.layer = layer;
        this.keys = keys;
    }

    List<String> hottest(String cache, int top) {
        List<String> found = layer.call(cache, "hot keys", redis -> redis.zrevrange(keys.hot(cache), 0, top - 1));
        return found == null ? List.of() : found;
    }

    /**
     * Scores rank the keys (the hottest gets {@code top}); a key another instance ranked higher keeps
     * its score ({@code GT}), so the set approximates the hottest keys across instances.
     */
    void record(String cache, List<String> hottestFirst, int top) {
        if (hottestFirst.isEmpty()) {
            return;
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i < hottestFirst.size() && i < top; i++) {
            scores.put(hottestFirst.get(i), (double) (top - i));
        }
        layer.call(cache, "record hot keys", redis -> {
            String key = keys.hot(cache);
            redis.zadd(key, scores, ZAddParams.zAddParams().gt());
            redis.zremrangeByRank(key, 0, -(top + 1L));
            redis.pexpire(key, KEEP_MILLIS);
            return Boolean.TRUE;
        });
    }

    /** Values and their remaining lifetimes, in one pipelined round trip (per node in a cluster). */
    Map<String, Stored> fetch(String cache, List<String> wanted) {
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Map<String, Stored> found = layer.call(cache, "fetch", redis -> {
            long generation = layer.generation(redis, cache);
            List<Response<byte[]>> values = new ArrayList<>(wanted.size());
            List<Response<Long>> ttls = new ArrayList<>(wanted.size());
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (String key : wanted) {
                    byte[] dataKey = keys.data(cache, generation, key);
                    values.add(pipeline.get(dataKey));
                    ttls.add(pipeline.pttl(dataKey));
                }
                pipeline.sync();
            }
            Map<String, Stored> stored = new LinkedHashMap<>();
            for (int i = 0; i < wanted.size(); i++) {
                byte[] bytes = values.get(i).get();
                long ttl = ttls.get(i).get();
                if (bytes != null && ttl > 0 && !ConditionalSet.isTombstone(bytes)) {
                    stored.put(wanted.get(i), new Stored(bytes, ttl));
                }
            }
            return stored;
        });
        return found == null ? Map.of() : found;
    }
}
