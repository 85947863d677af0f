package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.remote.RemoteLayer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One cache of the rules file, and the whole protocol of reading, loading and storing it: the
 * local probe, remote read-through, single flight in this JVM and across JVMs (leases), the
 * stale-set stamps that keep a load which raced a write from storing, store, evict and
 * evict-all. Handlers only compute keys and hand over the results of the calls they wrap.
 *
 * <p>The read path is split on purpose: {@link #probe} is tiny so that, with the handler's
 * hit check, it inlines into the woven method; everything after a local miss is in {@link #read}.
 */
public final class TieredCache {
    private final CacheSpec spec;
    private final LocalLayer local;   // null when the cache has no local layer
    private final RemoteLayer remote; // null when it has no redis layer (or Redis is not configured)
    private final WriteEpochs epochs = new WriteEpochs();
    private final ConcurrentHashMap<Object, Flight> flights = new ConcurrentHashMap<>();
    /** Futures of asynchronous loads still in flight, shared with callers of the same key. */
    private final ConcurrentHashMap<Object, CompletableFuture<?>> pending = new ConcurrentHashMap<>();
    private final LongAdder puts = new LongAdder();
    private final LongAdder removals = new LongAdder();
    private final LongAdder staleStoresDropped = new LongAdder();
    /** Counts kept outside this object (Caffeine's evictions, the remote layer's errors) as they stood at the last reset. */
    private volatile CacheStats baseline = CacheStats.ZERO;

    public TieredCache(CacheSpec spec) {
        this(spec, null);
    }

    /** {@code remote} is used only when the cache's layers include redis. */
    public TieredCache(CacheSpec spec, RemoteLayer remote) {
        this.spec = spec;
        this.local = spec.usesLocal() ? new LocalLayer(spec.local().maxEntries()) : null;
        this.remote = spec.usesRedis() ? remote : null;
    }

    public String name() {
        return spec.name();
    }

    public CacheSpec spec() {
        return spec;
    }

    /** The local entry for a canonical key, or {@code null}: the whole hit path. */
    LocalEntry probe(Object key) {
        return local == null ? null : local.get(key);
    }

    /**
     * After a local miss: a {@link CacheHit} from Redis, from a load of the same key already
     * running in this JVM, or from another instance's load (lease); otherwise the {@link Load}
     * the caller now owns and must end with {@link #loaded} or {@link #failed}. Counts the
     * outcome on the reader's site counters.
     */
    Object read(Object key, Reader reader) {
        Load load = new Load(key, epochs.stamp(key));
        CacheHit remoteHit = readRemote(load, reader);
        if (remoteHit != null) {
            return remoteHit;
        }
        Flight mine = new Flight();
        Flight running = flights.putIfAbsent(key, mine);
        if (running != null) {
            mine = null; // someone else loads this key (or we re-entered our own load): do not own it
            if (running.owner != Thread.currentThread()) {
                CacheHit shared = running.await(reader.waitNanos());
                if (shared != null && reader.fits(shared.value)) {
                    reader.counters().localHits.increment();
                    return shared;
                }
            }
        }
        if (mine != null && remote != null) {
            CacheHit peer = awaitPeerLoad(load, reader);
            if (peer != null) {
                flights.remove(key, mine);
                mine.succeed(peer.value);
                return peer;
            }
        }
        load.flight = mine;
        reader.counters().misses.increment();
        return load;
    }

    /**
     * The same for a method returning a future: no waiting here (the caller must get its future
     * at once), but a load already in flight in this JVM is shared as a dependent copy of its
     * future, so that one caller cancelling cannot cancel the others.
     */
    Object readAsync(Object key, Reader reader) {
        Load load = new Load(key, epochs.stamp(key));
        CacheHit remoteHit = readRemote(load, reader);
        if (remoteHit != null) {
            return new CacheHit(CompletableFuture.completedFuture(remoteHit.value));
        }
        CompletableFuture<?> running = pending.get(key);
        if (running != null) {
            reader.counters().localHits.increment();
            return new CacheHit(running.copy());
        }
        reader.counters().misses.increment();
        return load;
    }

    /** Remote read-through: a fitting value is copied into the local layer; on a miss, what it saw is kept for the store. */
    private CacheHit readRemote(Load load, Reader reader) {
        if (remote == null) {
            return null;
        }
        RemoteLayer.RemoteRead read = remote.read(spec.name(), KeyTemplate.text(load.key), reader.type());
        load.seen = read.seen();
        RemoteLayer.RemoteHit hit = read.hit();
        if (hit == null || !reader.fits(hit.value())) {
            return null;
        }
        fillLocal(load.key, hit.value(), load.stamp);
        reader.counters().remoteHits.increment();
        return new CacheHit(hit.value());
    }

    /** Single flight across instances: a value another JVM loaded meanwhile, or {@code null} (this caller loads). */
    private CacheHit awaitPeerLoad(Load load, Reader reader) {
        RemoteLayer.RemoteHit peer;
        try {
            peer = remote.awaitPeerLoad(spec.name(), KeyTemplate.text(load.key), reader.type());
        } catch (RuntimeException e) {
            return null; // this caller owns the in-flight load: it must reach the method and release it
        }
        if (peer == null || !reader.fits(peer.value())) {
            return null;
        }
        fillLocal(load.key, peer.value(), load.stamp);
        reader.counters().remoteHits.increment();
        return new CacheHit(peer.value());
    }

    /**
     * The method returned {@code value}: stores it (when {@code store}; {@code ttl} is the rule's
     * override or {@code null}) unless the key was written since the load began, then hands it
     * to the callers waiting in this JVM and releases the lease other instances wait on.
     */
    void loaded(Load load, Object value, Duration ttl, boolean store) {
        try {
            if (store) {
                storeLoaded(load, value, ttl);
            }
        } finally {
            finish(load, value, true);
        }
    }

    /** The method threw: nothing is stored, and waiters run the method themselves. */
    void failed(Load load) {
        finish(load, null, false);
    }

    private void finish(Load load, Object value, boolean succeeded) {
        Flight flight = load.flight;
        if (flight == null) {
            return;
        }
        if (remote != null) {
            remote.releaseLoad(spec.name(), KeyTemplate.text(load.key)); // after the store: waiting instances now find the value
        }
        flights.remove(load.key, flight);
        if (succeeded) {
            flight.succeed(value);
        } else {
            flight.fail();
        }
    }

    /** An asynchronous load returned its future: callers arriving until it settles share it. */
    void loadingAsync(Load load, CompletableFuture<?> future) {
        pending.putIfAbsent(load.key, future);
    }

    /** Only once the value is stored: a caller arriving in between would otherwise find neither and load again. */
    void settledAsync(Load load, CompletableFuture<?> future) {
        pending.remove(load.key, future);
    }

    /**
     * Stores the result of a load unless the key was written since it began: the load may have
     * read the source before that write, and storing now would serve the old value until its TTL
     * expires. Remote first, so that a write another instance made meanwhile (the remote
     * compare-and-set fails) keeps the value out of the local layer too.
     */
    private void storeLoaded(Load load, Object value, Duration ttl) {
        Duration lifetime = Lifetimes.of(spec, value, ttl);
        if (lifetime == null) {
            return;
        }
        if (!epochs.unchanged(load.key, load.stamp)) {
            staleStoresDropped.increment();
            return;
        }
        long nanos = Lifetimes.withJitter(spec, lifetime.toNanos());
        if (remote != null && !remote.putLoaded(spec.name(), KeyTemplate.text(load.key), value, Math.max(1, nanos / 1_000_000),
                load.seen)) {
            staleStoresDropped.increment();
            return;
        }
        if (local != null) {
            local.putIf(load.key, new LocalEntry(value, Math.min(nanos, spec.local().ttl().toNanos())),
                    () -> epochs.unchanged(load.key, load.stamp));
        }
        puts.increment();
    }

    /**
     * Copies a value found remotely into the local layer, for at most the local TTL, unless the
     * key was written (here, or in another instance as an invalidation message says) after
     * {@code stamp}: the value read may predate that write.
     */
    private void fillLocal(Object key, Object value, long stamp) {
        if (local != null) {
            local.putIf(key, new LocalEntry(value, spec.local().ttl().toNanos()), () -> epochs.unchanged(key, stamp));
        }
    }

    /**
     * Stores a value a {@code put} rule wrote: it is the newest, so loads in flight for the key
     * must not overwrite it. An absent value ({@code null}, an empty {@code Optional}) is stored
     * only when the cache has {@code cacheNulls}.
     */
    void store(Object key, Object value, Duration ttl) {
        Duration lifetime = Lifetimes.of(spec, value, ttl);
        if (lifetime == null) {
            return;
        }
        wrote(key);
        long nanos = Lifetimes.withJitter(spec, lifetime.toNanos());
        if (local != null) {
            local.put(key, new LocalEntry(value, Math.min(nanos, spec.local().ttl().toNanos())));
        }
        if (remote != null) {
            remote.put(spec.name(), KeyTemplate.text(key), value, Math.max(1, nanos / 1_000_000));
        }
        puts.increment();
    }

    /** Removes a canonical key from every layer. */
    void evict(Object key) {
        wrote(key);
        if (local != null && local.remove(key)) {
            removals.increment();
        }
        if (remote != null) {
            remote.evict(spec.name(), KeyTemplate.text(key));
        }
    }

    /** Removes a key given as text, as the rule renders it (JMX {@code invalidate}). */
    public void evict(String text) {
        evict(KeyTemplate.canonical(text));
    }

    public void evictAll() {
        wroteAll();
        if (local != null) {
            removals.add(local.clear());
        }
        if (remote != null) {
            remote.evictAll(spec.name());
        }
    }

    /**
     * Drops a key from this instance's local layer only: what an invalidation message from
     * another instance does (the remote entry is already gone).
     */
    void invalidateLocal(String text) {
        Object key = KeyTemplate.canonical(text);
        wrote(key);
        if (local != null) {
            local.remove(key);
        }
    }

    /** Clears this instance's local layer only (see {@link #invalidateLocal}). */
    void invalidateLocalAll() {
        wroteAll();
        if (local != null) {
            local.clear();
        }
    }

    /**
     * Marks {@code key} written before any layer changes. Callers arriving afterwards must not
     * share a load that started before the write either, so its flight is forgotten (callers
     * already waiting still get it: they asked before the write).
     */
    private void wrote(Object key) {
        epochs.wrote(key);
        flights.remove(key);
        pending.remove(key);
    }

    private void wroteAll() {
        epochs.wroteAll();
        flights.clear();
        pending.clear();
    }

    /** This cache's own figures since the last {@link #resetStats}; hits and misses belong to the sites that read it. */
    public CacheStats stats() {
        return raw().minus(baseline);
    }

    public void resetStats() {
        puts.reset();
        removals.reset();
        staleStoresDropped.reset();
        CacheStats now = raw();
        baseline = new CacheStats(0, 0, now.evictions(), now.remoteErrors(), 0, 0);
    }

    private CacheStats raw() {
        long localSize = local == null ? 0 : local.size();
        return new CacheStats(puts.sum(), removals.sum(), local == null ? 0 : local.evictions(),
                remote == null ? 0 : remote.errors(spec.name()), staleStoresDropped.sum(), localSize);
    }
}
