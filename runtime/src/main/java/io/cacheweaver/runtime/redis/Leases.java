package io.cacheweaver.runtime.redis;

import io.cacheweaver.runtime.remote.RemoteLayer.RemoteHit;
import io.cacheweaver.runtime.remote.ValueType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.params.SetParams;

/**
 * Single flight across instances. After a miss, the one loader in each JVM tries to take a short
 * lease on the key ({@code SET NX PX}); the instance that gets it runs the method, the others
 * poll Redis for the value it stores. Waiting is bounded by the lease time: when the lease
 * expires or is released without a value (the method threw, or returned an uncached null)
 * another waiter takes it and loads. Polling rather than pub/sub keeps this stateless; waiters
 * are few (one per JVM per key, the rest wait in-process) and the poll is one GET.
 */
final class Leases {
    /** Deletes the lease only if this instance still holds it: an expired lease may be someone else's now. */
    private static final String RELEASE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    static final long REFRESH_CLAIM_MILLIS = 60_000;
    private static final String REFRESH = "refresh\n";

    private final RedisLayer layer;
    private final RedisKeys keys;
    private final String instanceId;
    private final long leaseMillis;
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    Leases(RedisLayer layer, RedisKeys keys, String instanceId, long leaseMillis) {
        this.layer = layer;
        this.keys = keys;
        this.instanceId = instanceId;
        this.leaseMillis = leaseMillis;
    }

    /** A value another instance loaded, or {@code null}: the caller loads (holding the lease if Redis works). */
    RemoteHit await(String cache, String key, ValueType type) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(leaseMillis);
        for (int round = 0; ; round++) {
            if (round > 0) {
                RemoteHit loaded = layer.get(cache, key, type);
                if (loaded != null) {
                    return loaded;
                }
            }
            Boolean taken = take(cache, key);
            if (taken == null) {
                return null; // Redis unusable: load without coordination
            }
            if (taken) {
                // the previous holder may have stored and released between our miss and our SET
                RemoteHit loaded = layer.get(cache, key, type);
                if (loaded != null) {
                    release(cache, key);
                    return loaded;
                }
                return null;
            }
            if (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
                return null; // waited long enough: load ourselves
            }
            LockSupport.parkNanos(POLL_NANOS); // polling Redis, which cannot notify us cheaply
        }
    }

    /**
     * Claims the refresh-ahead reload of a key without waiting: {@code false} only when another
     * instance holds that claim. A key of its own, not the load lease: a reload may run longer than
     * a miss may wait, and a claim that expired mid-reload would let a second instance reload too.
     * It is released when the reload ends; should the instance die first, the key is simply not
     * refreshed by others for {@link #REFRESH_CLAIM_MILLIS} (it still expires at its ttl).
     */
    boolean tryClaimRefresh(String cache, String key) {
        Boolean taken = layer.call(cache, "refresh-claim", redis -> "OK".equals(redis.set(
                keys.refresh(cache, layer.generation(redis, cache), key), instanceId,
                SetParams.setParams().nx().px(REFRESH_CLAIM_MILLIS))));
        if (Boolean.TRUE.equals(taken)) {
            held.add(REFRESH + id(cache, key));
        }
        return taken == null || taken; // Redis unusable: each instance decides alone
    }

    void releaseRefresh(String cache, String key) {
        if (held.remove(REFRESH + id(cache, key))) {
            layer.call(cache, "release", redis -> redis.eval(RELEASE,
                    List.of(keys.refresh(cache, layer.generation(redis, cache), key)), List.of(instanceId)));
        }
    }

    /** SET NX PX on the key's load lease: whether this instance now holds it, {@code null} when Redis could not say. */
    private Boolean take(String cache, String key) {
        Boolean taken = layer.call(cache, "lease", redis -> "OK".equals(redis.set(
                keys.lease(cache, layer.generation(redis, cache), key), instanceId,
                SetParams.setParams().nx().px(leaseMillis))));
        if (Boolean.TRUE.equals(taken)) {
            held.add(id(cache, key));
        }
        return taken;
    }

    void release(String cache, String key) {
        if (held.remove(id(cache, key))) {
            layer.call(cache, "release", redis -> redis.eval(RELEASE,
                    List.of(keys.lease(cache, layer.generation(redis, cache), key)), List.of(instanceId)));
        }
    }

    private static String id(String cache, String key) {
        return cache + '\n' + key;
    }
}
