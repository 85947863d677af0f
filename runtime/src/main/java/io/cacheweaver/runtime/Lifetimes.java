package io.cacheweaver.runtime;

import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.rules.Freshness;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a value lives in a cache: the rule's TTL or the cache's, {@code cacheNulls} for absent
 * values, spread by jitter; and, with freshness settings, when it is due for a refresh and when
 * it turns stale. An entry's age counts from its original write in every layer: a value copied
 * from Redis keeps the age it had there.
 */
final class Lifetimes {
    private final CacheSpec spec;
    private final Freshness freshness;
    private final long localTtlNanos;

    Lifetimes(CacheSpec spec) {
        this.spec = spec;
        this.freshness = spec.freshness();
        this.localTtlNanos = spec.local().ttl().toNanos();
    }

    /**
     * The logical lifetime of {@code value} in nanoseconds (jitter applied), or -1 when it must not
     * be stored. An empty {@code Optional} is absent, like {@code null} (as in Spring Cache): "not
     * found" is cached only with {@code cacheNulls}, so a row inserted later is found at once.
     */
    long ttlNanos(Object value, Duration ruleTtl) {
        Duration lifetime;
        if (value == null || (value instanceof Optional<?> optional && optional.isEmpty())) {
            lifetime = spec.cacheNulls();
        } else {
            lifetime = ruleTtl != null ? ruleTtl : spec.ttl();
        }
        return lifetime == null ? -1 : withJitter(lifetime.toNanos());
    }

    /** How long the shared layer keeps an entry of logical lifetime {@code ttlNanos}: past it by staleIfError. */
    long storeMillis(long ttlNanos) {
        return Math.max(1, (ttlNanos + freshness.staleNanos()) / 1_000_000);
    }

    /** The logical lifetime the shared layer records with the value, or 0 when the cache does not age its entries. */
    long freshMillis(long ttlNanos) {
        return freshness.ages() ? Math.max(1, ttlNanos / 1_000_000) : 0;
    }

    /**
     * The local entry for a value with logical lifetime {@code ttlNanos} written {@code ageNanos}
     * ago. It is fresh for at most the local ttl; with staleIfError it is kept that much longer.
     */
    LocalEntry entry(Object value, long ttlNanos, long ageNanos) {
        long freshFor = Math.min(ttlNanos - ageNanos, localTtlNanos);
        if (!freshness.ages()) {
            return new LocalEntry(value, Math.max(1, freshFor));
        }
        long now = System.nanoTime();
        long refreshAfter = freshness.refreshAfterNanos(ttlNanos);
        long refreshAt = refreshAfter == Long.MAX_VALUE ? LocalEntry.NEVER : now + refreshAfter - ageNanos;
        long staleAt = now + freshFor;
        long keep = Math.max(1, freshFor + freshness.staleNanos());
        return LocalEntry.of(value, keep, refreshAt, freshness.staleIfError() == null ? LocalEntry.NEVER : staleAt);
    }

    /** Spreads a TTL by up to ±jitter so that entries written together do not expire together. */
    private long withJitter(long nanos) {
        double jitter = spec.jitter();
        if (jitter <= 0) {
            return nanos;
        }
        double factor = 1 + jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Math.max(1, (long) (nanos * factor));
    }
}
