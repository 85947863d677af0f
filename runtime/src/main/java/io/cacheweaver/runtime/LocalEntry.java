package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;

/**
 * What the local layer stores: the hit object itself, so that an in-process hit hands the
 * stored instance straight to the advice without allocating. Carries its own lifetime because
 * rules sharing a cache may write with different TTLs.
 */
final class LocalEntry extends CacheHit {
    final long ttlNanos;

    LocalEntry(Object value, long ttlNanos) {
        super(value);
        this.ttlNanos = ttlNanos;
    }
}
