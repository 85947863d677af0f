package io.cacheweaver.rules;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One entry of {@code caches:}, with {@code defaults:} applied.
 *
 * @param ttl        entry lifetime in the shared layer (or overall, without Redis); default 10m
 * @param jitter     0.0 – 1.0; each entry's TTL is spread by up to ±jitter; default 0
 * @param cacheNulls how long a null result is cached; {@code null} = nulls are not cached
 * @param layers     never empty, in the order the file declares them; default both (local, redis)
 *                   when redis is configured, else LOCAL only
 * @param freshness  refresh-ahead, stale-if-error and soft timeout; {@link Freshness#NONE} by default
 * @param warm       pre-warming at startup, or {@code null} (none, the default)
 */
public record CacheSpec(String name, Duration ttl, double jitter, Duration cacheNulls, Set<Layer> layers, LocalSettings local,
                        Freshness freshness, Warm warm) {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    public CacheSpec {
        layers = Collections.unmodifiableSet(new LinkedHashSet<>(layers)); // Set.copyOf's order varies from run to run
        freshness = freshness == null ? Freshness.NONE : freshness;
    }

    public CacheSpec(String name, Duration ttl, double jitter, Duration cacheNulls, Set<Layer> layers, LocalSettings local) {
        this(name, ttl, jitter, cacheNulls, layers, local, Freshness.NONE, null);
    }

    public CacheSpec(String name, Duration ttl, double jitter, Duration cacheNulls, Set<Layer> layers, LocalSettings local,
                     Freshness freshness) {
        this(name, ttl, jitter, cacheNulls, layers, local, freshness, null);
    }

    public boolean usesLocal() {
        return layers.contains(Layer.LOCAL);
    }

    public boolean usesRedis() {
        return layers.contains(Layer.REDIS);
    }
}
