package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.remote.RemoteLayer;
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
    final LongAdder puts = new LongAdder();
    final LongAdder removals = new LongAdder();
    final LongAdder staleStoresDropped = new LongAdder();

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
        load.seen = read.seen();
        return accept(load, read.hit(), reader);
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
        if (remote != null && !(tags == null
                ? remote.putLoaded(spec.name(), KeyTemplate.text(load.key), value, lifetimes.storeMillis(nanos),
                        lifetimes.freshMillis(nanos), load.seen)
                : remote.putLoaded(spec.name(), KeyTemplate.text(load.key), value, lifetimes.storeMillis(nanos),
                        lifetimes.freshMillis(nanos), load.seen, tags))) {
            staleStoresDropped.increment();
            return;
        }
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
     * Marks {@code key} written before any layer changes, so that a concurrent load's store
     * either sees the write or is overwritten by it. Every write below is preceded by this.
     */
    void wrote(Object key) {
        epochs.wrote(key);
    }

    void wroteAll() {
        epochs.wroteAll();
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
        if (remote != null && tags == null) {
            remote.put(spec.name(), KeyTemplate.text(key), value, lifetimes.storeMillis(nanos), lifetimes.freshMillis(nanos));
        } else if (remote != null) {
            remote.put(spec.name(), KeyTemplate.text(key), value, lifetimes.storeMillis(nanos), lifetimes.freshMillis(nanos), tags);
        }
        puts.increment();
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
