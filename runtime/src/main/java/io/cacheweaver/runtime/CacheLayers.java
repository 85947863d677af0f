package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.redis.StoredValues;
import io.cacheweaver.runtime.remote.RemoteLayer;
import java.io.IOException;
import io.cacheweaver.runtime.remote.ValueType;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * The two layers of one cache and what keeps them consistent with the source: the write epochs
 * that stop a load which raced a write from storing (in this JVM), the compare-and-set that does
 * the same in Redis, and entry lifetimes. Knows nothing of who loads or waits: that is
 * {@link TieredCache}'s job.
 */
final class CacheLayers {
    private final CacheSpec spec;
    final LocalLayer local;   // null when the cache has no local layer
    final RemoteLayer remote; // null when it has no redis layer (or Redis is not configured)
    private final WriteEpochs epochs = new WriteEpochs();
    private final Lifetimes lifetimes;
    final WarmedEntries warmed = new WarmedEntries();
    final LongAdder puts = new LongAdder();
    final LongAdder removals = new LongAdder();
    final LongAdder staleStoresDropped = new LongAdder();
    private volatile ValueType readType; // the declared type of the last remote read: how values are written

    private final TagClock tagClock;

    CacheLayers(CacheSpec spec, RemoteLayer remote) {
        this(spec, remote, new TagClock());
    }

    CacheLayers(CacheSpec spec, RemoteLayer remote, TagClock tagClock) {
        this.spec = spec;
        this.tagClock = tagClock;
        this.local = spec.usesLocal() ? new LocalLayer(spec.local().maxEntries()) : null;
        this.remote = spec.usesRedis() ? remote : null;
        this.lifetimes = new Lifetimes(spec);
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

    /**
     * Stores the result of a load unless the key was written since it began: the load may have
     * read the source before that write, and storing now would serve the old value until its TTL
     * expires. Remote first, so that a write another instance made meanwhile (the remote
     * compare-and-set fails) keeps the value out of the local layer too.
     */
    void storeLoaded(Load load, Object value, Duration ttl) {
        long nanos = lifetimes.ttlNanos(value, ttl);
        if (nanos < 0) {
            return;
        }
        String[] tags = load.tags;
        if (!epochs.unchanged(load.key, load.stamp) || (tags != null && tagClock.evictedSince(tags, load.tagStamp))) {
            staleStoresDropped.increment(); // also when one of its tags was evicted while it loaded
            return;
        }
        if (remote != null && !remote.putLoaded(spec.name(), KeyTemplate.text(load.key), value, lifetimes.storeMillis(nanos),
                lifetimes.freshMillis(nanos), load.seen, readType, tags)) {
            staleStoresDropped.increment();
            return;
        }
        warmed.drop(load.key);
        if (local != null) {
            LocalEntry entry = lifetimes.entry(value, nanos, 0);
            if (tags != null) {
                entry.tagged(new EntryTags(tags, load.tagStamp));
            }
            local.putIf(load.key, entry, () -> epochs.unchanged(load.key, load.stamp));
        }
        puts.increment();
    }

    /**
     * {@link #storeLoaded} for every value a batch call loaded: one remote round trip for all of
     * them (each still a compare-and-set against what its miss saw), then the local copies.
     */
    void storeLoadedMany(Load[] loads, Object[] values, Duration ttl) {
        java.util.List<Integer> kept = new java.util.ArrayList<>(loads.length);
        long[] nanos = new long[loads.length];
        for (int i = 0; i < loads.length; i++) {
            nanos[i] = lifetimes.ttlNanos(values[i], ttl); // jitter per element
            if (nanos[i] < 0) {
                continue;
            }
            if (!epochs.unchanged(loads[i].key, loads[i].stamp)) {
                staleStoresDropped.increment();
                continue;
            }
            kept.add(i);
        }
        boolean[] storedRemotely = null;
        if (remote != null && !kept.isEmpty()) {
            java.util.List<String> texts = new java.util.ArrayList<>(kept.size());
            java.util.List<Object> stored = new java.util.ArrayList<>(kept.size());
            long[] ttlMillis = new long[kept.size()];
            long[] freshMillis = new long[kept.size()];
            Object[] seen = new Object[kept.size()];
            for (int j = 0; j < kept.size(); j++) {
                int i = kept.get(j);
                texts.add(KeyTemplate.text(loads[i].key));
                stored.add(values[i]);
                ttlMillis[j] = lifetimes.storeMillis(nanos[i]);
                freshMillis[j] = lifetimes.freshMillis(nanos[i]);
                seen[j] = loads[i].seen;
            }
            storedRemotely = remote.putLoadedMany(spec.name(), texts, stored, ttlMillis, freshMillis, seen);
        }
        for (int j = 0; j < kept.size(); j++) {
            Load load = loads[kept.get(j)];
            if (storedRemotely != null && !storedRemotely[j]) {
                staleStoresDropped.increment(); // another instance wrote the key meanwhile
                continue;
            }
            if (local != null) {
                local.putIf(load.key, lifetimes.entry(values[kept.get(j)], nanos[kept.get(j)], 0),
                        () -> epochs.unchanged(load.key, load.stamp));
            }
            puts.increment();
        }
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

    /**
     * Parks a warmed value unless the key has a local entry (loaded since: newer) or was written
     * since {@code stamp}. Checked again after parking: a write in between either sees the value
     * parked and drops it ({@link #wrote}), or moved the epoch before the second check.
     */
    boolean park(Object key, WarmedEntries.Parked value, long stamp) {
        if (local == null || local.get(key) != null || !epochs.unchanged(key, stamp)) {
            return false;
        }
        warmed.park(key, value);
        if (!epochs.unchanged(key, stamp) || local.get(key) != null) {
            warmed.drop(key);
            return false;
        }
        return true;
    }

    /**
     * A value pre-warming brought in for {@code load.key}, read back as the caller's type and put
     * into the local layer (unless the key was written since the load began), or {@code null}.
     */
    LocalEntry takeWarmed(Load load, Reader reader) {
        WarmedEntries.Parked parked = warmed.take(load.key);
        if (parked == null || local == null) {
            return null;
        }
        RemoteLayer.RemoteHit hit;
        if (parked.fromRemote()) {
            hit = remote == null ? null : remote.decode(spec.name(), parked.stored(), reader.type());
        } else {
            try {
                hit = StoredValues.decode(parked.stored().bytes(), reader.type());
            } catch (IOException | RuntimeException | LinkageError e) {
                hit = null; // a snapshot value that no longer reads back (the class changed): skipped
            }
        }
        if (hit == null || hit.stale() || !reader.fits(hit.value())) {
            return null;
        }
        if (hit.tags() != null) {
            return null; // a tag evicted since it was fetched would not be seen: tagged values are read through Redis
        }
        long left = parked.usableUntilNanos() - System.nanoTime();
        LocalEntry entry = hit.freshMillis() > 0
                ? lifetimes.entry(hit.value(), hit.freshMillis() * 1_000_000, hit.ageMillis() * 1_000_000)
                : lifetimes.entry(hit.value(), left, 0);
        local.putIf(load.key, entry, () -> epochs.unchanged(load.key, load.stamp));
        return entry;
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
