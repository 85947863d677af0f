package io.cacheweaver.rules;

import java.time.Duration;
import java.util.Set;

/**
 * One entry of {@code caches:}, with {@code defaults:} applied.
 *
 * @param ttl        entry lifetime in the shared layer (or overall, without Redis); default 10m
 * @param jitter     0.0 – 1.0; each entry's TTL is spread by up to ±jitter; default 0
 * @param cacheNulls how long a null result is cached; {@code null} = nulls are not cached
 * @param layers     never empty; default both when redis is configured, else LOCAL only
 * @param freshness  refresh-ahead, stale-if-error and soft timeout; {@link Freshness#NONE} by default
 */
public record CacheSpec(String name, Duration ttl, double jitter, Duration cacheNulls, Set<Layer> layers, LocalSettings local,
                        Freshness freshness) {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    public CacheSpec {
        layers = Set.copyOf(layers);
        freshness = freshness == null ? Freshness.NONE : freshness;
    }

    public CacheSpec(String name, Duration ttl, double jitter, Duration cacheNulls, Set<Layer> layers, LocalSettings local) {
        this(name, ttl, jitter, cacheNulls, layers, local, Freshness.NONE);
    }

    public boolean usesLocal() {
        return layers.contains(Layer.LOCAL);
    }

    public boolean usesRedis() {
        return layers.contains(Layer.REDIS);
    }
}
