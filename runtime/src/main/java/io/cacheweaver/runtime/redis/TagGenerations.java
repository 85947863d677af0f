package io.cacheweaver.runtime.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Tag generations: each evicted tag has a key in Redis holding a random number, replaced on
 * every eviction; a value stored with a tag records the number it saw (0 for "no key") and is
 * current while the two agree. Eviction by tag is thus one SET, whatever the number of tagged
 * entries. Random rather than counted, so that a tag key that expired and was created again can
 * never repeat a generation some stored value recorded.
 * <p>
 * Bounded: a tag key expires {@code retention} after the tag's last eviction, and tagged values
 * are stored for at most that long (see {@link RedisLayer}), so a value recorded before an
 * eviction is gone before the tag's key is. Generations learned here are trusted for
 * {@code trustNanos} (messages about a tag drop them sooner) and at most {@link #MAX_KNOWN} are
 * kept.
 */
final class TagGenerations {
    static final int MAX_KNOWN = 100_000;

    private record Known(long value, long learnedAt) {
    }

    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();
    private final RedisKeys keys;
    private final long trustNanos;
    private final boolean cluster;

    TagGenerations(RedisKeys keys, long trustNanos, boolean cluster) {
        this.keys = keys;
        this.trustNanos = trustNanos;
        this.cluster = cluster;
    }

    /** The current generation of each tag: trusted ones from memory, the others in one MGET (one GET each in a Cluster). */
    long[] current(UnifiedJedis redis, String[] tags) {
        long[] generations = new long[tags.length];
        List<Integer> unknown = new ArrayList<>();
        long now = System.nanoTime();
        for (int i = 0; i < tags.length; i++) {
            Known k = known.get(tags[i]);
            if (k != null && now - k.learnedAt < trustNanos) {
                generations[i] = k.value;
            } else {
                unknown.add(i);
            }
        }
        if (unknown.isEmpty()) {
            return generations;
        }
        String[] names = new String[unknown.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = keys.tag(tags[unknown.get(i)]);
        }
        List<String> values = cluster ? each(redis, names) : redis.mget(names);
        if (known.size() + names.length > MAX_KNOWN) {
            known.clear();
        }
        for (int i = 0; i < names.length; i++) {
            String text = values.get(i);
            long generation = text == null ? 0 : Long.parseLong(text);
            generations[unknown.get(i)] = generation;
            known.put(tags[unknown.get(i)], new Known(generation, now));
        }
        return generations;
    }

    private static List<String> each(UnifiedJedis redis, String[] names) {
        List<String> values = new ArrayList<>(names.length);
        for (String name : names) {
            values.add(redis.get(name)); // tag keys hash to different slots
        }
        return values;
    }

    /** Evicts {@code tag} in Redis: a new generation, kept for {@code retentionMillis}. */
    long advance(UnifiedJedis redis, String tag, long retentionMillis) {
        long next;
        do {
            next = ThreadLocalRandom.current().nextLong();
        } while (next == 0);
        redis.set(keys.tag(tag), Long.toString(next), SetParams.setParams().px(retentionMillis));
        known.put(tag, new Known(next, System.nanoTime()));
        return next;
    }

    /** Another instance or an outside publisher evicted it: ask Redis next time. */
    void forget(String tag) {
        known.remove(tag);
    }

    void forgetAll() {
        known.clear();
    }
}
