package io.cacheweaver.runtime;

import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.remote.RemoteLayer;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Stores what loads returned into one cache's {@link CacheLayers}, unless the value may already
 * be outdated: the key was written (or one of its tags evicted) since the load began, here or, as
 * the remote compare-and-set finds, in another instance. Such a store is dropped and counted
 * ({@code StaleStoresDropped}). Apart from the layers' own writes because a load's value is not
 * the newest: a {@code put} rule's always is, and is stored unconditionally.
 */
final class StaleSetProtection {
    private final CacheLayers layers; // for the type remote reads last used: how values are written
    private final CacheSpec spec;
    private final LocalLayer local;
    private final RemoteLayer remote;
    private final WriteEpochs epochs;
    private final Lifetimes lifetimes;
    private final TagClock tagClock;
    private final WarmedEntries warmed;
    private final LongAdder puts;
    private final LongAdder staleStoresDropped;

    StaleSetProtection(CacheLayers layers) {
        this.layers = layers;
        this.spec = layers.spec;
        this.local = layers.local;
        this.remote = layers.remote;
        this.epochs = layers.epochs;
        this.lifetimes = layers.lifetimes;
        this.tagClock = layers.tagClock;
        this.warmed = layers.warmed;
        this.puts = layers.puts;
        this.staleStoresDropped = layers.staleStoresDropped;
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
                lifetimes.freshMillis(nanos), load.seen, layers.readType, tags)) {
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
}
