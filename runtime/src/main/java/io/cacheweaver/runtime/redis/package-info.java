/**
 * The shared layer on Redis (Jedis): codec, key layout, generations for evict-all, leases for
 * cross-instance single flight, compare-and-set against stale stores, the invalidation channel,
 * and the circuit breaker that keeps a sick Redis from slowing the application.
 */
package io.cacheweaver.runtime.redis;
