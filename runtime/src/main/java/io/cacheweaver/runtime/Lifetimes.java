package io.cacheweaver.runtime;

import io.cacheweaver.rules.CacheSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** How long a value lives in a cache: the rule's TTL or the cache's, {@code cacheNulls} for absent values, spread by jitter. */
final class Lifetimes {
    private Lifetimes() {
    }

    /**
     * The lifetime of {@code value}, or {@code null} when it must not be stored. An empty
     * {@code Optional} is absent, like {@code null} (as in Spring Cache): "not found" is cached
     * only with {@code cacheNulls}, so a row inserted later is found without waiting for a TTL.
     */
    static Duration of(CacheSpec spec, Object value, Duration ruleTtl) {
        if (value == null || (value instanceof Optional<?> optional && optional.isEmpty())) {
            return spec.cacheNulls();
        }
        return ruleTtl != null ? ruleTtl : spec.ttl();
    }

    /** Spreads a TTL by up to ±jitter so that entries written together do not expire together. */
    static long withJitter(CacheSpec spec, long nanos) {
        double jitter = spec.jitter();
        if (jitter <= 0) {
            return nanos;
        }
        double factor = 1 + jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Math.max(1, (long) (nanos * factor));
    }
}
