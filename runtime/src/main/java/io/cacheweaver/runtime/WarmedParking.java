package io.cacheweaver.runtime;

import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.runtime.redis.StoredValues;
import io.cacheweaver.runtime.remote.RemoteLayer;
import java.io.IOException;

/**
 * Where pre-warming hands its values to one cache's {@link CacheLayers}: a fetched value is
 * parked in {@link WarmedEntries} unless its key was loaded or written meanwhile, and the first
 * miss of that key reads it back, as the caller's declared type, into the local layer. Its own
 * class because it has its own race with writes (a value is checked against the write epoch
 * both before and after parking) and matters only while warmed values wait.
 */
final class WarmedParking {
    private final CacheSpec spec;
    private final LocalLayer local;
    private final RemoteLayer remote;
    private final WriteEpochs epochs;
    private final Lifetimes lifetimes;
    private final WarmedEntries warmed;

    WarmedParking(CacheLayers layers) {
        this.spec = layers.spec;
        this.local = layers.local;
        this.remote = layers.remote;
        this.epochs = layers.epochs;
        this.lifetimes = layers.lifetimes;
        this.warmed = layers.warmed;
    }

    /**
     * Parks a warmed value unless the key has a local entry (loaded since: newer) or was written
     * since {@code stamp}. Checked again after parking: a write in between either sees the value
     * parked and drops it ({@link CacheLayers#wrote}), or moved the epoch before the second check.
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
    LocalEntry take(Load load, Reader reader) {
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
}
