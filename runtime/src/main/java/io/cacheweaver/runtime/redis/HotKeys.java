package io.cacheweaver.runtime.redis;

import io.cacheweaver.runtime.remote.RemoteLayer.RemoteHit;
import io.cacheweaver.runtime.remote.RemoteLayer.Stored;
import io.cacheweaver.runtime.remote.ValueType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ZAddParams;

/**
 * Pre-warming in Redis: the record of each cache's hot keys, fetching many values at once, and
 * reading a fetched value back.
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
    private final Consumer<String> countError;

    HotKeys(RedisLayer layer, RedisKeys keys, Consumer<String> countError) {
        this.layer = layer;
        this.keys = keys;
        this.countError = countError;
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

    /** The values {@link #fetchStored} finds, less those a tag eviction made stale since they were stored. */
    Map<String, Stored> fetch(String cache, List<String> wanted) {
        Map<String, Stored> fetched = fetchStored(cache, wanted);
        if (fetched.isEmpty()) {
            return fetched;
        }
        // a warmed value must not outlive a tag eviction any more than a read one does
        Map<String, Stored> current = layer.call(cache, "fetch tags", redis -> {
            Map<String, Stored> kept = new LinkedHashMap<>();
            fetched.forEach((key, stored) -> {
                if (layer.storedForm.tagsCurrent(redis, stored.bytes())) {
                    kept.put(key, stored);
                }
            });
            return kept;
        });
        return current == null ? Map.of() : current;
    }

    /** The value of a fetched entry, or {@code null} (counted) when it is too large or does not read back. */
    RemoteHit decode(String cache, Stored stored, ValueType type) {
        if (!layer.codec.fits(stored.bytes())) {
            return null;
        }
        try {
            return layer.codec.decode(stored.bytes(), type);
        } catch (IOException | RuntimeException | LinkageError | StackOverflowError e) {
            countError.accept(cache);
            return null; // a warmed value that no longer reads back is skipped; a read of the key decides what to do with it
        }
    }

    /** Values and their remaining lifetimes, in one pipelined round trip (per node in a cluster). */
    private Map<String, Stored> fetchStored(String cache, List<String> wanted) {
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
