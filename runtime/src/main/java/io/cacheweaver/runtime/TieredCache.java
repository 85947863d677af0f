package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.remote.RemoteLayer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One cache of the rules file, and the whole protocol of reading, loading and storing it: the
 * local probe, remote read-through, single flight in this JVM and across JVMs (leases), the
 * stale-set protection, store, evict and evict-all. Handlers only compute keys and hand over
 * the results of the calls they wrap; the layers themselves are {@link CacheLayers}.
 *
 * <p>The read path is split on purpose: {@link #probe} is tiny so that, with the handler's
 * hit check, it inlines into the woven method; everything after a local miss is in {@link #read}.
 *
 * <p>The hit path is done here, with no indirection; the rest is handed to classes with one job
 * each: {@link MissReads} (the miss path), {@link LoadFlights} (loads running in this JVM and how
 * they end), {@link BatchOperations} (batch rules) and {@link CacheWrites} (put, evict,
 * invalidation).
 */
public final class TieredCache {
    private final CacheSpec spec;
    final CacheLayers layers;
    private final LocalLayer local; // layers.local, read on every hit
    private final RefreshClaims refreshes;
    private final TagClock tagClock;
    private final LoadFlights inFlight;
    private final MissReads reads;
    private final CacheWrites writes;
    private final BatchOperations batches;
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
        this.inFlight = new LoadFlights(spec, layers, refreshes);
        this.reads = new MissReads(spec, layers, tagClock, inFlight);
        this.writes = new CacheWrites(layers, tagClock, inFlight);
        this.batches = new BatchOperations(spec, layers, inFlight, writes);
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

    /**
     * After a local miss: a {@link CacheHit}, or the {@link Load} the caller now owns and must end
     * with {@link #loaded} or {@link #failed}. See {@link MissReads#read}.
     */
    Object read(Object key, Reader reader) {
        return reads.read(key, reader, null);
    }

    /** {@link #read}, with a stale local value to answer with should the load fail ({@code staleIfError}). */
    Object read(Object key, Reader reader, CacheHit stale) {
        return reads.read(key, reader, stale);
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

    /** {@link #read} for a method returning a future: see {@link MissReads#readAsync}. */
    Object readAsync(Object key, Reader reader) {
        return reads.readAsync(key, reader);
    }

    /** The reload of a refresh-ahead: see {@link MissReads#readForRefresh}. */
    Object readForRefresh(Object key, Reader reader) {
        return reads.readForRefresh(key, reader);
    }

    /** The method returned {@code value}: see {@link LoadFlights#loaded}. */
    void loaded(Load load, Object value, Duration ttl, boolean store) {
        inFlight.loaded(load, value, ttl, store);
    }

    /** The method threw: nothing is stored, and waiters run the method themselves. */
    void failed(Load load) {
        inFlight.failed(load);
    }

    /** An asynchronous load returned its future: callers arriving until it settles share it. */
    void loadingAsync(Load load, CompletableFuture<?> future) {
        inFlight.loadingAsync(load, future);
    }

    /** Only once the value is stored: a caller arriving in between would otherwise find neither and load again. */
    void settledAsync(Load load, CompletableFuture<?> future) {
        inFlight.settledAsync(load, future);
    }

    /** Batch rules, after the local misses of one call: see {@link BatchOperations#readMany}. */
    Object[] readMany(Object[] keys, Reader reader) {
        return batches.readMany(keys, reader);
    }

    /** The batch body returned: see {@link BatchOperations#loadedMany}. */
    void loadedMany(Load[] loads, Object[] values, Duration ttl, boolean store) {
        batches.loadedMany(loads, values, ttl, store);
    }

    /** The batch body threw: nothing is stored, and waiters run the method themselves. */
    void failedMany(Load[] loads) {
        batches.failedMany(loads);
    }

    /** {@link #store} for every element of a batch put: one remote round trip, one invalidation message. */
    void storeMany(Object[] keys, Object[] values, Duration ttl) {
        batches.storeMany(keys, values, ttl);
    }

    /** {@link #evict} for every element of a batch evict: one remote round trip, one invalidation message. */
    void evictMany(Object[] keys) {
        batches.evictMany(keys);
    }

    RefreshClaims refreshes() {
        return refreshes;
    }

    /** Stores a value a {@code put} rule wrote: see {@link CacheWrites#store}. */
    void store(Object key, Object value, Duration ttl) {
        writes.store(key, value, ttl, null);
    }

    /** {@link #store}, attaching {@code tags} ({@code null}: none) to the value. */
    void store(Object key, Object value, Duration ttl, String[] tags) {
        writes.store(key, value, ttl, tags);
    }

    /** Removes a canonical key from every layer. */
    void evict(Object key) {
        writes.evict(key);
    }

    /** Removes a key given as text, as the rule renders it (JMX {@code invalidate}). */
    public void evict(String text) {
        evict(KeyTemplate.canonical(text));
    }

    public void evictAll() {
        writes.evictAll();
    }

    /** Drops a key from this instance's local layer only: see {@link CacheWrites#invalidateLocal}. */
    void invalidateLocal(String text) {
        writes.invalidateLocal(text);
    }

    /** Clears this instance's local layer only (see {@link #invalidateLocal}). */
    void invalidateLocalAll() {
        writes.invalidateLocalAll();
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
