package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;

/**
 * The read half of a batch call's protocol on one {@link TieredCache}, after the local probe:
 * one remote round trip for all the local misses, then single flight per element, shared with
 * single-key calls of the same cache.
 *
 * <p>A key another thread is loading is waited for (bounded), so it is loaded once. Waiting
 * while holding flights of one's own could deadlock two batches that claimed overlapping keys in
 * different orders; so a batch waits only for flights that started before every flight it owns
 * (no cycle can form: each wait points at an older flight). A key it may not wait for, whose
 * load failed or did not end in time, it loads itself. Cross-instance leases are not taken for
 * batches: one lease round trip per element would cost what the batch saves.
 */
final class BatchReads {
    private BatchReads() {
    }

    /** Per key: a {@link CacheHit}, or the {@link Load} the caller now owns. See {@link BatchOperations#readMany}. */
    static Object[] read(CacheLayers layers, LoadFlights inFlight, Object[] keys, Reader reader) {
        Load[] loads = new Load[keys.length];
        for (int i = 0; i < keys.length; i++) {
            loads[i] = new Load(keys[i], layers.stamp(keys[i])); // stamps before anything is read
        }
        LocalEntry[] remote = layers.readRemoteMany(loads, reader);
        Object[] outcome = new Object[keys.length];
        Flight[] running = new Flight[keys.length];
        long oldestOwn = Long.MAX_VALUE;
        for (int i = 0; i < keys.length; i++) {
            if (remote[i] != null) {
                outcome[i] = remote[i];
                continue;
            }
            Flight mine = new Flight();
            Flight other = inFlight.flights.putIfAbsent(keys[i], mine);
            if (other == null) {
                loads[i].flight = mine;
                outcome[i] = loads[i];
                oldestOwn = Math.min(oldestOwn, mine.order);
            } else {
                running[i] = other;
            }
        }
        long deadline = System.nanoTime() + reader.waitNanos();
        for (int i = 0; i < keys.length; i++) {
            Flight other = running[i];
            if (other == null) {
                continue;
            }
            if (other.owner != Thread.currentThread() && other.order < oldestOwn) {
                CacheHit shared = other.await(Math.max(0, deadline - System.nanoTime()));
                if (shared != null && reader.fits(shared.value)) {
                    outcome[i] = shared;
                    continue;
                }
            }
            Flight mine = new Flight(); // this call loads the key too; it owns the flight if nobody does now
            if (inFlight.flights.putIfAbsent(keys[i], mine) == null) {
                loads[i].flight = mine;
            }
            outcome[i] = loads[i];
        }
        return outcome;
    }

    /** Ends one element's flight: waiters get {@code value}, or run the method themselves when not {@code succeeded}. */
    static void finish(LoadFlights inFlight, Load load, Object value, boolean succeeded) {
        Flight flight = load.flight;
        if (flight == null) {
            return;
        }
        inFlight.flights.remove(load.key, flight);
        if (succeeded) {
            flight.succeed(value);
        } else {
            flight.fail();
        }
    }
}
