package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.runtime.expr.KeyTemplate;
import java.util.concurrent.CompletableFuture;

/**
 * The read path of one {@link TieredCache} after a local miss: read-your-writes of write-behind,
 * pre-warmed values, remote read-through, and joining a load already running in this JVM
 * ({@link LoadFlights}) or in another one (lease); what is left is a {@link Load} the caller owns.
 * Kept out of {@link TieredCache}, whose {@link TieredCache#probe} must stay small enough to
 * inline into the woven method: nothing here runs on a hit.
 */
final class MissReads {
    private final CacheSpec spec;
    private final CacheLayers layers;
    private final TagClock tagClock;
    private final LoadFlights inFlight;

    MissReads(CacheSpec spec, CacheLayers layers, TagClock tagClock, LoadFlights inFlight) {
        this.spec = spec;
        this.layers = layers;
        this.tagClock = tagClock;
        this.inFlight = inFlight;
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
     * the caller now owns and must end with {@link TieredCache#loaded} or {@link TieredCache#failed}.
     * Counts the outcome on the reader's site counters. {@code stale}: a stale local value to
     * answer with should the load fail ({@code staleIfError}), or {@code null}.
     */
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
        Flight running = inFlight.flights.putIfAbsent(key, mine);
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
                inFlight.flights.remove(key, mine);
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

    /**
     * {@link #read} for a method returning a future: no waiting here (the caller must get its future
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
        CompletableFuture<?> running = inFlight.pending.get(key);
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
}
