package io.cacheweaver.runtime;

import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.runtime.expr.KeyTemplate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The loads of one {@link TieredCache} running in this JVM, and how they end: the single flight
 * per key that callers missing the same key share, the futures of asynchronous loads shared the
 * same way, and the end of a load (store, refresh claim, lease, waiters). Its own class because
 * the miss path, the batch calls and the writes all reach these maps: the first two to join a
 * load, the writes to forget one that must no longer be shared.
 */
final class LoadFlights {
    private final CacheSpec spec;
    private final CacheLayers layers;
    private final RefreshClaims refreshes;
    final ConcurrentHashMap<Object, Flight> flights = new ConcurrentHashMap<>();
    /** Futures of asynchronous loads still in flight, shared with callers of the same key. */
    final ConcurrentHashMap<Object, CompletableFuture<?>> pending = new ConcurrentHashMap<>();

    LoadFlights(CacheSpec spec, CacheLayers layers, RefreshClaims refreshes) {
        this.spec = spec;
        this.layers = layers;
        this.refreshes = refreshes;
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

    /** A write of {@code key}: callers arriving from now on must not share a load that started before it. */
    void forget(Object key) {
        flights.remove(key);
        pending.remove(key);
    }

    /** {@link #forget} for every key (evict-all). */
    void forgetAll() {
        flights.clear();
        pending.clear();
    }
}
