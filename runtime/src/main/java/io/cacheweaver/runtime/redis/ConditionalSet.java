package io.cacheweaver.runtime.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Redis half of the stale-set protection (docs/redis.md, "Stale-set protection"). A load stores its value with a
 * compare-and-set against what its miss saw in the value key — absent, a tombstone, or an
 * unusable value — so any write in between (a put's value, an evict's tombstone, another
 * instance's load) makes the store a no-op. An evict therefore does not DEL the key but
 * replaces it with a tombstone unique to that evict, which lives {@code tombstoneMillis}: a load
 * that started before the evict and is still running then cannot find the key "absent" again.
 * One key per check (the value key itself), so it works unchanged on Redis Cluster.
 * <p>
 * What is left: a load that runs longer than the tombstone's lifetime after an evict can still
 * store what it read before the evict (the tombstone is gone, the key looks absent as before).
 */
final class ConditionalSet {
    static final byte TOMBSTONE = 'T';

    /** KEYS[1] value key; ARGV[1] '1' if a value was seen (ARGV[2]) else '0'; ARGV[3] new value; ARGV[4] PX. */
    private static final byte[] SET_IF_UNCHANGED = ("""
            local current = redis.call('GET', KEYS[1])
            if (ARGV[1] == '0' and current == false) or (ARGV[1] == '1' and current == ARGV[2]) then
              redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
              return 1
            end
            return 0""").getBytes(StandardCharsets.UTF_8);
    private static final byte[] ABSENT = {'0'};
    private static final byte[] PRESENT = {'1'};
    private static final byte[] NOTHING = {};

    /** What a miss found in {@code dataKey}: {@code null} = absent, else the exact stored bytes. */
    record Seen(byte[] dataKey, byte[] stored) {
    }

    private final byte[] tombstonePrefix;
    private final AtomicLong evicts = new AtomicLong();

    ConditionalSet(String instanceId) {
        this.tombstonePrefix = ("T" + instanceId + ":").getBytes(StandardCharsets.UTF_8);
    }

    static boolean isTombstone(byte[] stored) {
        return stored.length > 0 && stored[0] == TOMBSTONE;
    }

    /** A tombstone no other evict ever writes, so that a load can tell "my tombstone" from a newer one. */
    byte[] tombstone() {
        byte[] count = Long.toString(evicts.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
        byte[] stone = Arrays.copyOf(tombstonePrefix, tombstonePrefix.length + count.length);
        System.arraycopy(count, 0, stone, tombstonePrefix.length, count.length);
        return stone;
    }

    /** Sets the value if the key still holds what {@code seen} saw; whether it did. */
    boolean set(UnifiedJedis redis, Seen seen, byte[] value, long ttlMillis) {
        return done(redis.eval(SET_IF_UNCHANGED, List.of(seen.dataKey()), arguments(seen, value, ttlMillis)));
    }

    /** {@link #set} queued on a pipeline (batch loads); {@link #done} tells the answer. */
    redis.clients.jedis.Response<Object> set(redis.clients.jedis.AbstractPipeline pipeline, Seen seen, byte[] value,
                                             long ttlMillis) {
        return pipeline.eval(SET_IF_UNCHANGED, List.of(seen.dataKey()), arguments(seen, value, ttlMillis));
    }

    static boolean done(Object result) {
        return result instanceof Long n && n == 1L;
    }

    private static List<byte[]> arguments(Seen seen, byte[] value, long ttlMillis) {
        return List.of(
                seen.stored() == null ? ABSENT : PRESENT,
                seen.stored() == null ? NOTHING : seen.stored(),
                value,
                Long.toString(ttlMillis).getBytes(StandardCharsets.US_ASCII));
    }
}
