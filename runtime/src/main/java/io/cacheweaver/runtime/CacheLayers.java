package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.remote.RemoteLayer;
import io.cacheweaver.runtime.remote.ValueType;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * The two layers of one cache and what keeps them consistent with the source: the write epochs
 * that stop a load which raced a write from storing (in this JVM), the compare-and-set that does
 * the same in Redis, and entry lifetimes. Knows nothing of who loads or waits: that is
 * {@link TieredCache}'s job.
 *
 * <p>Storing a load's result under that protection is {@link StaleSetProtection}; values
 * pre-warming fetched wait in {@link WarmedParking} until their key is first read.
 */
final class CacheLayers {
    final CacheSpec spec;
    final LocalLayer local;   // null when the cache has no local layer
    final RemoteLayer remote; // null when it has no redis layer (or Redis is not configured)
    final WriteEpochs epochs = new WriteEpochs();
    final Lifetimes lifetimes;
    final WarmedEntries warmed = new WarmedEntries();
    final LongAdder puts = new LongAdder();
    final LongAdder removals = new LongAdder();
    final LongAdder staleStoresDropped = new LongAdder();
    volatile ValueType readType; // the declared type of the last remote read: how values are written

    final TagClock tagClock;
    private final StaleSetProtection staleSetProtection;
    private final WarmedParking warmedParking;

    CacheLayers(CacheSpec spec, RemoteLayer remote) {
        this(spec, remote, new TagClock());
    }

    CacheLayers(CacheSpec spec, RemoteLayer remote, TagClock tagClock) {
        this.spec = spec;
        this.tagClock = tagClock;
        this.local = spec.usesLocal() ? new LocalLayer(spec.local().maxEntries()) : null;
        this.remote = spec.usesRedis() ? remote : null;
        this.lifetimes = new Lifetimes(spec);
        this.staleSetProtection = new StaleSetProtection(this); // both only copy the fields above: built last
        this.warmedParking = new WarmedParking(this);
    }

    /** Taken after a local miss, before anything is read: a store is dropped when the key was written since. */
    long stamp(Object key) {
        return epochs.stamp(key);
    }

    /**
     * Remote read-through: a fitting value is copied into the local layer, keeping its age, and
     * returned as the local entry; on a miss, what it saw is kept for the store. A value past its
     * ttl is not a hit, but is kept on the load to answer with if the method fails.
     */
    LocalEntry readRemote(Load load, Reader reader) {
        if (remote == null) {
            return null;
        }
        RemoteLayer.RemoteRead read = remote.read(spec.name(), KeyTemplate.text(load.key), reader.type());
        readType = reader.type(); // put rules write values the way readers read them
        load.seen = read.seen();
        return accept(load, read.hit(), reader);
    }

    /**
     * {@link #readRemote} for the local misses of a batch call, in one remote round trip: the
     * local entry for each load, or {@code null} where the remote layer has nothing usable.
     */
    LocalEntry[] readRemoteMany(Load[] loads, Reader reader) {
        LocalEntry[] entries = new LocalEntry[loads.length];
        if (remote == null || loads.length == 0) {
            return entries;
        }
        java.util.List<String> texts = new java.util.ArrayList<>(loads.length);
        for (Load load : loads) {
            texts.add(KeyTemplate.text(load.key));
        }
        java.util.List<RemoteLayer.RemoteRead> reads = remote.readMany(spec.name(), texts, reader.type());
        for (int i = 0; i < loads.length; i++) {
            loads[i].seen = reads.get(i).seen();
            entries[i] = accept(loads[i], reads.get(i).hit(), reader);
        }
        return entries;
    }

    /**
     * A value found remotely (read, or loaded by another instance) as a local entry, or {@code null}
     * when it cannot answer. The caller counts the hit: a reload may take it only if it is fresh.
     */
    LocalEntry accept(Load load, RemoteLayer.RemoteHit hit, Reader reader) {
        if (hit == null || !reader.fits(hit.value())) {
            return null;
        }
        if (hit.stale()) {
            if (load.stale == null) {
                load.stale = new CacheHit(hit.value());
            }
            return null;
        }
        long ttlNanos = hit.freshMillis() > 0 ? hit.freshMillis() * 1_000_000 : Long.MAX_VALUE; // unknown: the local ttl bounds it
        LocalEntry entry = lifetimes.entry(hit.value(), ttlNanos, hit.ageMillis() * 1_000_000);
        warmed.drop(load.key);
        if (hit.tags() != null) {
            entry.tagged(new EntryTags(hit.tags(), load.tagStamp));
        }
        if (local != null) {
            // unless the key was written (here, or in another instance as a message says) since the read began
            local.putIf(load.key, entry, () -> epochs.unchanged(load.key, load.stamp));
        }
        return entry;
    }

    /** Stores a load's result unless the key was written since: see {@link StaleSetProtection#storeLoaded}. */
    void storeLoaded(Load load, Object value, Duration ttl) {
        staleSetProtection.storeLoaded(load, value, ttl);
    }

    /** {@link #storeLoaded} for every value a batch call loaded: one remote round trip for all of them. */
    void storeLoadedMany(Load[] loads, Object[] values, Duration ttl) {
        staleSetProtection.storeLoadedMany(loads, values, ttl);
    }

    /**
     * Marks {@code key} written before any layer changes, so that a concurrent load's store
     * either sees the write or is overwritten by it. Every write below is preceded by this.
     */
    void wrote(Object key) {
        epochs.wrote(key);
        warmed.drop(key);
    }

    void wroteAll() {
        epochs.wroteAll();
        warmed.clear();
    }

    /** Parks a warmed value until the first read of {@code key}: see {@link WarmedParking#park}. */
    boolean park(Object key, WarmedEntries.Parked value, long stamp) {
        return warmedParking.park(key, value, stamp);
    }

    /** A warmed value of {@code load.key}, put into the local layer, or {@code null}: see {@link WarmedParking#take}. */
    LocalEntry takeWarmed(Load load, Reader reader) {
        return warmedParking.take(load, reader);
    }

    /** Stores what a {@code put} rule wrote (after {@link #wrote}). */
    void store(Object key, Object value, Duration ttl) {
        store(key, value, ttl, null, tagClock.now());
    }

    /** {@link #store} with {@code tags} ({@code null}: none), the tag clock read at {@code tagStamp}. */
    void store(Object key, Object value, Duration ttl, String[] tags, long tagStamp) {
        long nanos = lifetimes.ttlNanos(value, ttl);
        if (nanos < 0) {
            return; // absent, and cacheNulls is off
        }
        if (local != null) {
            LocalEntry entry = lifetimes.entry(value, nanos, 0);
            local.put(key, tags == null ? entry : entry.tagged(new EntryTags(tags, tagStamp)));
        }
        if (remote != null) {
            remote.put(spec.name(), KeyTemplate.text(key), value, lifetimes.storeMillis(nanos), lifetimes.freshMillis(nanos), readType,
                    tags);
        }
        puts.increment();
    }

    /** {@link #store} for the elements of a batch put (after {@link #wrote} for each): one remote round trip. */
    void storeMany(Object[] keys, Object[] values, Duration ttl) {
        java.util.List<String> texts = new java.util.ArrayList<>(keys.length);
        java.util.List<Object> stored = new java.util.ArrayList<>(keys.length);
        long[] ttlMillis = new long[keys.length];
        long[] freshMillis = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            long nanos = lifetimes.ttlNanos(values[i], ttl); // jitter per element
            if (nanos < 0) {
                continue; // absent, and cacheNulls is off
            }
            if (local != null) {
                local.put(keys[i], lifetimes.entry(values[i], nanos, 0));
            }
            ttlMillis[texts.size()] = lifetimes.storeMillis(nanos);
            freshMillis[texts.size()] = lifetimes.freshMillis(nanos);
            texts.add(KeyTemplate.text(keys[i]));
            stored.add(values[i]);
            puts.increment();
        }
        if (remote != null && !texts.isEmpty()) {
            remote.putMany(spec.name(), texts, stored, ttlMillis, freshMillis);
        }
    }

    /** {@link #evict} for the elements of a batch evict: one remote round trip. */
    void evictMany(Object[] keys) {
        java.util.List<String> texts = new java.util.ArrayList<>(keys.length);
        for (Object key : keys) {
            if (local != null && local.remove(key)) {
                removals.increment();
            }
            texts.add(KeyTemplate.text(key));
        }
        if (remote != null && !texts.isEmpty()) {
            remote.evictMany(spec.name(), texts);
        }
    }

    void evict(Object key) {
        if (local != null && local.remove(key)) {
            removals.increment();
        }
        if (remote != null) {
            remote.evict(spec.name(), KeyTemplate.text(key));
        }
    }

    void evictAll() {
        if (local != null) {
            removals.add(local.clear());
        }
        if (remote != null) {
            remote.evictAll(spec.name());
        }
    }

    /** Another instance wrote {@code key}: drop it here only (the remote entry is already replaced). */
    void invalidateLocal(Object key) {
        if (local != null) {
            local.remove(key);
        }
    }

    void invalidateLocalAll() {
        if (local != null) {
            local.clear();
        }
    }

    /** The counts as they stand, not reset: see {@link TieredCache#stats}. */
    CacheStats raw() {
        return new CacheStats(puts.sum(), removals.sum(), local == null ? 0 : local.evictions(),
                remote == null ? 0 : remote.errors(spec.name()), staleStoresDropped.sum(), local == null ? 0 : local.size());
    }

    void resetCounts() {
        puts.reset();
        removals.reset();
        staleStoresDropped.reset();
    }
}
