package io.cacheweaver.runtime;

import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.runtime.expr.KeyTemplate;
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
    private final WriteEpochs epochs = new WriteEpochs();
    final ConcurrentHashMap<Object, Flight> flights = new ConcurrentHashMap<>();
    /** Futures of asynchronous loads still in flight, shared with callers of the same key. */
    final ConcurrentHashMap<Object, java.util.concurrent.CompletableFuture<?>> pendingFutures = new ConcurrentHashMap<>();

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

    /** The remote entry (or a miss, with what it saw); never throws (the remote layer counts its own failures). */
    private RemoteLayer.RemoteRead readRemote(Object key, ValueType type) {
        return remote.read(spec.name(), KeyTemplate.text(key), type);
    }

    /**
     * The read path's second layer: looks {@code key} up remotely and, when the value found
     * {@code fits} the caller's result type, copies it into the local layer (unless the key was
     * written since {@code stamp}). The returned read has a hit only in that case; otherwise it
     * carries just what the miss saw.
     */
    RemoteLayer.RemoteRead readThrough(Object key, ValueType type, long stamp, java.util.function.Predicate<Object> fits) {
        RemoteLayer.RemoteRead read = readRemote(key, type);
        RemoteLayer.RemoteHit hit = read.hit();
        if (hit != null && fits.test(hit.value())) {
            fillLocal(key, hit.value(), stamp);
            return read;
        }
        return hit == null ? read : new RemoteLayer.RemoteRead(null, read.seen());
    }

    /**
     * Taken after a local miss, before anything is read: {@link #fillLocal} and {@link #storeLoaded}
     * drop their value when the key was written since. Not taken on a local hit.
     */
    long writeStamp(Object key) {
        return epochs.stamp(key);
    }

    /** After a miss: a value another instance loaded meanwhile, or {@code null} (then load, and {@link #releaseLoad}). */
    RemoteLayer.RemoteHit awaitPeerLoad(Object key, ValueType type) {
        try {
            return remote.awaitPeerLoad(spec.name(), KeyTemplate.text(key), type);
        } catch (RuntimeException e) {
            return null; // this caller owns the in-flight load: it must reach the method and release it
        }
    }

    void releaseLoad(Object key) {
        remote.releaseLoad(spec.name(), KeyTemplate.text(key));
    }

    /**
     * Copies a value found remotely into the local layer, for at most the local TTL, unless the
     * key was written (here, or in another instance as an invalidation message says) after
     * {@code stamp}: the value read may predate that write.
     */
    void fillLocal(Object key, Object value, long stamp) {
        if (local != null) {
            local.putIf(key, new LocalEntry(value, spec.local().ttl().toNanos()), () -> epochs.unchanged(key, stamp));
        }
    }

    /**
     * Drops a key from this instance's local layer only: what an invalidation message from
     * another instance does (the remote entry is already gone).
     */
    public void invalidateLocal(String text) {
        Object key = KeyTemplate.canonical(text);
        wrote(key);
        if (local != null) {
            local.remove(key);
        }
    }

    /** Clears this instance's local layer only (see {@link #invalidateLocal}). */
    public void invalidateLocalAll() {
        wroteAll();
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

    LocalEntry getLocal(Object key) {
        return local == null ? null : local.get(key);
    }

    /**
     * Stores a value under its key. {@code ttl} is the writing rule's override or {@code null};
     * a null value is stored only when the cache has {@code cacheNulls}. For {@code put} rules:
     * the value is the newest, so loads in flight for the key must not overwrite it.
     */
    void store(Object key, Object value, Duration ttl) {
        Duration lifetime = lifetime(value, ttl);
        if (lifetime == null) {
            return; // null result and cacheNulls is off
        }
        wrote(key);
        long nanos = withJitter(lifetime.toNanos());
        if (local != null) {
            local.put(key, new LocalEntry(value, Math.min(nanos, spec.local().ttl().toNanos())));
        }
        if (remote != null) {
            remote.put(spec.name(), KeyTemplate.text(key), value, Math.max(1, nanos / 1_000_000));
        }
        counters.puts.increment();
    }

    /**
     * Stores the result of a load that started at {@code stamp} (and, remotely, saw {@code seen}),
     * unless the key was written since: the load may have read the source before that write, and
     * storing it now would serve the old value until its TTL (the cache-aside "stale set" race, docs/redis.md). Remote first, so
     * that a write another instance made meanwhile keeps the value out of the local layer too.
     */
    void storeLoaded(Object key, Object value, Duration ttl, long stamp, Object seen) {
        Duration lifetime = lifetime(value, ttl);
        if (lifetime == null) {
            return;
        }
        if (!epochs.unchanged(key, stamp)) {
            counters.staleStoresDropped.increment();
            return;
        }
        long nanos = withJitter(lifetime.toNanos());
        if (remote != null && !remote.putLoaded(spec.name(), KeyTemplate.text(key), value, Math.max(1, nanos / 1_000_000), seen)) {
            counters.staleStoresDropped.increment();
            return;
        }
        if (local != null) {
            local.putIf(key, new LocalEntry(value, Math.min(nanos, spec.local().ttl().toNanos())), () -> epochs.unchanged(key, stamp));
        }
        counters.puts.increment();
    }

    private Duration lifetime(Object value, Duration ttl) {
        return value == null ? spec.cacheNulls() : ttl != null ? ttl : spec.ttl();
    }

    /**
     * Marks {@code key} written before any layer changes. Callers arriving afterwards must not
     * share a load that started before the write either, so its flight is forgotten (callers
     * already waiting still get it: they asked before the write).
     */
    private void wrote(Object key) {
        epochs.wrote(key);
        flights.remove(key);
        pendingFutures.remove(key);
    }

    private void wroteAll() {
        epochs.wroteAll();
        flights.clear();
        pendingFutures.clear();
    }

    /** Evicts a key given as text, as the rule renders it (JMX {@code invalidate}). */
    public void evict(String text) {
        evictKey(KeyTemplate.canonical(text));
    }

    void evictKey(Object key) {
        wrote(key);
        if (local != null && local.remove(key)) {
            counters.removals.increment();
        }
        if (remote != null) {
            remote.evict(spec.name(), KeyTemplate.text(key));
        }
    }

    public void evictAll() {
        wroteAll();
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
