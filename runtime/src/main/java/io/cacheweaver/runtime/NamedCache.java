package io.cacheweaver.runtime;

import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.runtime.local.LocalEntry;
import io.cacheweaver.runtime.local.LocalLayer;
import io.cacheweaver.runtime.metrics.CacheCounters;
import io.cacheweaver.runtime.remote.RemoteLayer;
import io.cacheweaver.runtime.remote.ValueType;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** One cache of the rules file: its layers, its in-flight loads and its own counters. */
public final class NamedCache {
    private final CacheSpec spec;
    private final LocalLayer local;
    private final RemoteLayer remote;
    private final CacheCounters counters = new CacheCounters();
    final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();
    /** Futures of asynchronous loads still in flight, shared with callers of the same key. */
    final ConcurrentHashMap<String, java.util.concurrent.CompletableFuture<?>> pendingFutures = new ConcurrentHashMap<>();

    public NamedCache(CacheSpec spec) {
        this(spec, null);
    }

    /** {@code remote} is used only when the cache's layers include redis. */
    public NamedCache(CacheSpec spec, RemoteLayer remote) {
        this.spec = spec;
        this.local = spec.usesLocal() ? new LocalLayer(spec.local().maxEntries()) : null;
        this.remote = spec.usesRedis() ? remote : null;
    }

    boolean hasRemote() {
        return remote != null;
    }

    /** The remote entry, or {@code null}; never throws (the remote layer counts its own failures). */
    RemoteLayer.RemoteHit getRemote(String key, ValueType type) {
        return remote.get(spec.name(), key, type);
    }

    /** After a miss: a value another instance loaded meanwhile, or {@code null} (then load, and {@link #releaseLoad}). */
    RemoteLayer.RemoteHit awaitPeerLoad(String key, ValueType type) {
        try {
            return remote.awaitPeerLoad(spec.name(), key, type);
        } catch (RuntimeException e) {
            return null; // this caller owns the in-flight load: it must reach the method and release it
        }
    }

    void releaseLoad(String key) {
        remote.releaseLoad(spec.name(), key);
    }

    /** Copies a value found remotely into the local layer, for at most the local TTL. */
    void fillLocal(String key, Object value) {
        if (local != null) {
            local.put(key, new LocalEntry(value, spec.local().ttl().toNanos()));
        }
    }

    /**
     * Drops a key from this instance's local layer only: what an invalidation message from
     * another instance does (the remote entry is already gone).
     */
    public void invalidateLocal(String key) {
        if (local != null) {
            local.remove(key);
        }
    }

    /** Clears this instance's local layer only (see {@link #invalidateLocal}). */
    public void invalidateLocalAll() {
        if (local != null) {
            local.clear();
        }
    }

    public String name() {
        return spec.name();
    }

    public CacheSpec spec() {
        return spec;
    }

    public CacheCounters counters() {
        return counters;
    }

    LocalEntry getLocal(String key) {
        return local == null ? null : local.get(key);
    }

    /**
     * Stores a value under its key. {@code ttl} is the writing rule's override or {@code null};
     * a null value is stored only when the cache has {@code cacheNulls}.
     */
    void store(String key, Object value, Duration ttl) {
        Duration lifetime = value == null ? spec.cacheNulls() : ttl != null ? ttl : spec.ttl();
        if (lifetime == null) {
            return; // null result and cacheNulls is off
        }
        long nanos = withJitter(lifetime.toNanos());
        if (local != null) {
            local.put(key, new LocalEntry(value, Math.min(nanos, spec.local().ttl().toNanos())));
        }
        if (remote != null) {
            remote.put(spec.name(), key, value, Math.max(1, nanos / 1_000_000));
        }
        counters.puts.increment();
    }

    public void evict(String key) {
        if (local != null && local.remove(key)) {
            counters.removals.increment();
        }
        if (remote != null) {
            remote.evict(spec.name(), key);
        }
    }

    public void evictAll() {
        if (local != null) {
            counters.removals.add(local.clear());
        }
        if (remote != null) {
            remote.evictAll(spec.name());
        }
    }

    public long localSize() {
        return local == null ? 0 : local.size();
    }

    public long evictions() {
        return local == null ? 0 : local.evictions();
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
