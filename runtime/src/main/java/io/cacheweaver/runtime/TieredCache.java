package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.remote.RemoteLayer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One cache of the rules file, and the whole protocol of reading, loading and storing it: the
 * local probe, remote read-through, single flight in this JVM and across JVMs (leases), the
 * stale-set protection, store, evict and evict-all. Handlers only compute keys and hand over
 * the results of the calls they wrap; the layers themselves are {@link CacheLayers}.
 *
 * <p>The read path is split on purpose: {@link #probe} is tiny so that, with the handler's
 * hit check, it inlines into the woven method; everything after a local miss is in {@link #read}.
 */
public final class TieredCache {
    private final CacheSpec spec;
    final CacheLayers layers;
    private final LocalLayer local; // layers.local, read on every hit
    final ConcurrentHashMap<Object, Flight> flights = new ConcurrentHashMap<>();
    /** Futures of asynchronous loads still in flight, shared with callers of the same key. */
    private final ConcurrentHashMap<Object, CompletableFuture<?>> pending = new ConcurrentHashMap<>();
    private final RefreshClaims refreshes;
    private final TagClock tagClock;
    /** Counts kept outside this object (Caffeine's evictions, the remote layer's errors) as they stood at the last reset. */
    private volatile CacheStats baseline = CacheStats.ZERO;

    public TieredCache(CacheSpec spec) {
        this(spec, null);
    }

    /** {@code remote} is used only when the cache's layers include redis. */
    public TieredCache(CacheSpec spec, RemoteLayer remote) {
        this(spec, remote, new TagClock());
    }

    /** {@code tagClock}: the instance's record of tag evictions, shared by all its caches. */
    TieredCache(CacheSpec spec, RemoteLayer remote, TagClock tagClock) {
        this.spec = spec;
        this.tagClock = tagClock;
        this.layers = new CacheLayers(spec, remote, tagClock);
        this.local = layers.local;
        this.refreshes = new RefreshClaims(spec.name(), layers.remote);
    }

    public String name() {
        return spec.name();
    }

    public CacheSpec spec() {
        return spec;
    }

    /** The local entry for a canonical key, or {@code null}: the whole hit path. */
    LocalEntry probe(Object key) {
        if (local == null) {
            return null;
        }
        LocalEntry entry = local.get(key);
        return entry == null || entry.tags == null ? entry : current(key, entry); // untagged: one field test
    }

    /** A tagged entry, unless one of its tags was evicted after it was read: then it is gone, and a miss. */
    private LocalEntry current(Object key, LocalEntry entry) {
        if (tagClock.current(entry.tags)) {
            return entry;
        }
        local.remove(key, entry);
        return null;
    }

    /** A new miss of {@code key}: both stamps are taken before anything is read. */
    private Load newLoad(Object key) {
        Load load = new Load(key, layers.stamp(key));
        load.tagStamp = tagClock.now();
        return load;
    }

    /**
     * After a local miss: a {@link CacheHit} from Redis, from a load of the same key already
     * running in this JVM, or from another instance's load (lease); otherwise the {@link Load}
     * the caller now owns and must end with {@link #loaded} or {@link #failed}. Counts the
     * outcome on the reader's site counters.
     */
    Object read(Object key, Reader reader) {
        return read(key, reader, null);
    }

    /** {@link #read}, with a stale local value to answer with should the load fail ({@code staleIfError}). */
    Object read(Object key, Reader reader, CacheHit stale) {
        Object pending = WriteBehindPool.pendingValue(spec.name(), key);
        if (pending != PendingWrite.NO_VALUE && reader.fits(pending)) {
            reader.counters().localHits.increment(); // read-your-writes: a write-behind of this key has not landed yet
            return new CacheHit(pending);
        }
        Load load = newLoad(key);
        load.stale = stale;
        if (!layers.warmed.isEmpty()) {
            LocalEntry warmed = layers.takeWarmed(load, reader);
            if (warmed != null) {
                reader.counters().localHits.increment(); // pre-warming put it here before the call: a local hit
                return warmed;
            }
        }
        CacheHit remoteHit = layers.readRemote(load, reader);
        if (remoteHit != null) {
            reader.counters().remoteHits.increment();
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
        if (mine != null && layers.remote != null) {
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

    /** Single flight across instances: a value another JVM loaded meanwhile, or {@code null} (this caller loads). */
    private CacheHit awaitPeerLoad(Load load, Reader reader) {
        CacheHit peer;
        try {
            peer = layers.accept(load, layers.remote.awaitPeerLoad(spec.name(), KeyTemplate.text(load.key), reader.type()), reader);
        } catch (RuntimeException e) {
            return null; // this caller owns the in-flight load: it must reach the method and release it
        }
        if (peer != null) {
            reader.counters().remoteHits.increment();
        }
        return peer;
    }

    /** A {@link Load} of {@code key}, stamped now: for shadow mode, which never owns a single flight. */
    Load begin(Object key) {
        return new Load(key, layers.stamp(key));
    }

    /**
     * Shadow mode: what a live call would have been answered with (the local entry, else a
     * remote one, which is copied locally as a live read would), or {@code null}. Never waits for
     * another load and never claims one: the method runs anyway.
     */
    LocalEntry shadowRead(Load load, Reader reader) {
        LocalEntry entry = probe(load.key);
        if (entry != null && reader.fits(entry.value) && !entry.stale(System.nanoTime())) {
            return entry;
        }
        return layers.readRemote(load, reader);
    }

    /**
     * The same for a method returning a future: no waiting here (the caller must get its future
     * at once), but a load already in flight in this JVM is shared as a dependent copy of its
     * future, so that one caller cancelling cannot cancel the others.
     */
    Object readAsync(Object key, Reader reader) {
        Load load = newLoad(key);
        CacheHit remoteHit = layers.readRemote(load, reader);
        if (remoteHit != null) {
            reader.counters().remoteHits.increment();
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

    /**
     * The reload of a refresh-ahead (on an agent thread, or by the caller that claimed it): the
     * cache is bypassed, except that a value another instance already reloaded is taken as it is.
     */
    Object readForRefresh(Object key, Reader reader) {
        Load load = newLoad(key);
        LocalEntry reloadedElsewhere = layers.readRemote(load, reader);
        if (reloadedElsewhere != null && !reloadedElsewhere.aged()) {
            reader.counters().remoteHits.increment();
            return reloadedElsewhere;
        }
        load.stale = null; // the reload's own failure must reach whoever started it
        reader.counters().misses.increment();
        return load;
    }

    /**
     * The method returned {@code value}: stores it (when {@code store}; {@code ttl} is the rule's
     * override or {@code null}) unless the key was written since the load began, then hands it
     * to the callers waiting in this JVM and releases the lease other instances wait on.
     */
    void loaded(Load load, Object value, Duration ttl, boolean store) {
        try {
            if (store) {
                layers.storeLoaded(load, value, ttl);
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
        if (load.claim != null) {
            refreshes.end(load.key, load.claim);
            load.claim.complete(value); // nobody waits on a caller's own refresh: this only settles it
        }
        Flight flight = load.flight;
        if (flight == null) {
            return;
        }
        if (layers.remote != null) {
            layers.remote.releaseLoad(spec.name(), KeyTemplate.text(load.key)); // after the store: waiting instances now find the value
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
     * Batch rules, after the local misses of one call ({@code keys} distinct and canonical): per key
     * a {@link CacheHit} (from Redis, all keys in one round trip, or from a load of that key
     * another thread ran) or a {@link Load} this caller must end with {@link #loadedMany} or
     * {@link #failedMany}. See {@link BatchReads}.
     */
    Object[] readMany(Object[] keys, Reader reader) {
        return BatchReads.read(this, keys, reader);
    }

    /**
     * The batch body returned: stores each load's value ({@code null} = absent: stored only with
     * {@code cacheNulls}) unless its key was written since, then hands the values to the callers
     * waiting in this JVM (absent ones are a failed load for them unless absence is cached).
     */
    void loadedMany(Load[] loads, Object[] values, Duration ttl, boolean store) {
        boolean absenceCached = spec.cacheNulls() != null;
        try {
            if (store) {
                layers.storeLoadedMany(loads, values, ttl);
            }
        } finally {
            for (int i = 0; i < loads.length; i++) {
                BatchReads.finish(this, loads[i], values[i], values[i] != null || absenceCached);
            }
        }
    }

    /** The batch body threw: nothing is stored, and waiters run the method themselves. */
    void failedMany(Load[] loads) {
        for (Load load : loads) {
            BatchReads.finish(this, load, null, false);
        }
    }

    /** {@link #store} for every element of a batch put: one remote round trip, one invalidation message. */
    void storeMany(Object[] keys, Object[] values, Duration ttl) {
        for (Object key : keys) {
            markWritten(key);
        }
        layers.storeMany(keys, values, ttl);
    }

    /** {@link #evict} for every element of a batch evict: one remote round trip, one invalidation message. */
    void evictMany(Object[] keys) {
        for (Object key : keys) {
            markWritten(key);
        }
        layers.evictMany(keys);
    }

    RefreshClaims refreshes() {
        return refreshes;
    }

    /**
     * Stores a value a {@code put} rule wrote: it is the newest, so loads in flight for the key
     * must not overwrite it. An absent value ({@code null}, an empty {@code Optional}) is stored
     * only when the cache has {@code cacheNulls}.
     */
    void store(Object key, Object value, Duration ttl) {
        store(key, value, ttl, null);
    }

    /** {@link #store}, attaching {@code tags} ({@code null}: none) to the value. */
    void store(Object key, Object value, Duration ttl, String[] tags) {
        long tagStamp = tagClock.now();
        markWritten(key);
        layers.store(key, value, ttl, tags, tagStamp);
    }

    /** Removes a canonical key from every layer. */
    void evict(Object key) {
        markWritten(key);
        layers.evict(key);
    }

    /** Removes a key given as text, as the rule renders it (JMX {@code invalidate}). */
    public void evict(String text) {
        evict(KeyTemplate.canonical(text));
    }

    public void evictAll() {
        markAllWritten();
        layers.evictAll();
    }

    /**
     * Drops a key from this instance's local layer only: what an invalidation message from
     * another instance does (the remote entry is already gone).
     */
    void invalidateLocal(String text) {
        Object key = KeyTemplate.canonical(text);
        markWritten(key);
        layers.invalidateLocal(key);
    }

    /** Clears this instance's local layer only (see {@link #invalidateLocal}). */
    void invalidateLocalAll() {
        markAllWritten();
        layers.invalidateLocalAll();
    }

    /**
     * A write of {@code key}, before any layer changes: the write epoch keeps loads that started
     * earlier from storing, and callers arriving afterwards must not share such a load either, so
     * its flight is forgotten (callers already waiting still get it: they asked before the write).
     */
    private void markWritten(Object key) {
        layers.wrote(key);
        flights.remove(key);
        pending.remove(key);
    }

    private void markAllWritten() {
        layers.wroteAll();
        flights.clear();
        pending.clear();
    }

    /** Pre-warming: the local layer's hottest entries, and where warmed values are parked until first read. */
    List<LocalLayer.Hot> hottest(int n) {
        return layers.local == null ? List.of() : layers.local.hottest(n);
    }

    /** Taken before a warmed value is fetched: {@link #park} refuses it if the key was written since. */
    long stampForWarming(Object key) {
        return layers.stamp(key);
    }

    /** Parks a warmed value until the first read of {@code key}; {@code false} when the key was written or loaded meanwhile. */
    boolean park(Object key, WarmedEntries.Parked value, long stamp) {
        return layers.park(key, value, stamp);
    }

    /** How many entries pre-warming brought into this cache (JMX {@code WarmedEntries}). */
    public long warmedEntries() {
        return layers.warmed.count();
    }

    /** This cache's own figures since the last {@link #resetStats}; hits and misses belong to the sites that read it. */
    public CacheStats stats() {
        return layers.raw().minus(baseline);
    }

    public void resetStats() {
        layers.resetCounts();
        CacheStats now = layers.raw();
        baseline = new CacheStats(0, 0, now.evictions(), now.remoteErrors(), 0, 0);
    }
}
