package io.cacheweaver.runtime;

import io.cacheweaver.runtime.remote.RemoteLayer.Stored;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Values fetched by pre-warming, kept in their stored form until the first read of their key:
 * only a call knows the declared type to read a value back as, and reading into the declared
 * type (never a class named by the data) is what keeps the shared layer safe. The first call
 * for a warmed key reads it here and puts it into the local layer: a local hit, no body run.
 *
 * <p>Bounded by the caches' {@code warm.top}; a write of a key (put, evict, another instance's
 * message) drops its warmed value, as it drops the local entry.
 */
final class WarmedEntries {
    /** A warmed value: its stored form, until when it may be used, and whether Redis (else a snapshot file) stored it. */
    record Parked(Stored stored, long usableUntilNanos, boolean fromRemote) {
    }

    private final ConcurrentHashMap<Object, Parked> parked = new ConcurrentHashMap<>();
    private final LongAdder warmed = new LongAdder();

    /** Whether there is anything to look at: the miss path pays one size test once warming is over. */
    boolean isEmpty() {
        return parked.isEmpty();
    }

    void park(Object key, Parked value) {
        parked.put(key, value);
        warmed.increment();
    }

    /** The warmed value of {@code key}, removed (a value is read back once), or {@code null}. */
    Parked take(Object key) {
        Parked value = parked.remove(key);
        return value == null || value.usableUntilNanos() - System.nanoTime() <= 0 ? null : value;
    }

    /** How many entries warming brought in (JMX {@code WarmedEntries}). */
    long count() {
        return warmed.sum();
    }

    void drop(Object key) {
        if (!parked.isEmpty()) {
            parked.remove(key);
        }
    }

    void clear() {
        parked.clear();
    }
}
