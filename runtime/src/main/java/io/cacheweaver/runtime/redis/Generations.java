package io.cacheweaver.runtime.redis;

import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.UnifiedJedis;

/**
 * This instance's knowledge of each cache's generation number. Every data key embeds it, so an
 * evict-all is one INCR: entries of older generations become unreachable at once and expire by
 * their own TTL, without KEYS or SCAN. The number is trusted for a short while (an invalidation
 * message updates it sooner) so that a read costs one round trip, not two.
 */
final class Generations {
    private record Known(long value, long learnedAt) {
    }

    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();
    private final RedisKeys keys;
    private final long trustNanos;

    Generations(RedisKeys keys, long trustNanos) {
        this.keys = keys;
        this.trustNanos = trustNanos;
    }

    /** The generation of {@code cache}: the trusted one from memory, else the one in Redis (then trusted). */
    long current(UnifiedJedis redis, String cache) {
        long trusted = cached(cache);
        if (trusted >= 0) {
            return trusted;
        }
        String text = redis.get(keys.generation(cache));
        long fetched = text == null ? 0 : Long.parseLong(text);
        fetched(cache, fetched);
        return fetched;
    }

    /** The generation if it is still trusted, else {@code -1}: ask Redis. */
    private long cached(String cache) {
        Known k = known.get(cache);
        return k == null || System.nanoTime() - k.learnedAt >= trustNanos ? -1 : k.value;
    }

    /** What Redis said: authoritative, also when lower (the key may have been flushed). */
    private void fetched(String cache, long generation) {
        known.put(cache, new Known(generation, System.nanoTime()));
    }

    /** What a message or our own INCR said: never step back, messages may arrive late. */
    void advanced(String cache, long generation) {
        long now = System.nanoTime();
        known.merge(cache, new Known(generation, now),
                (old, fresh) -> old.value > fresh.value ? old : fresh);
    }

    /** Someone outside changed it (an external message): ask Redis on the next read. */
    void forget(String cache) {
        known.remove(cache);
    }

    /** After missed messages nothing we know can be trusted. */
    void forgetAll() {
        known.clear();
    }
}
