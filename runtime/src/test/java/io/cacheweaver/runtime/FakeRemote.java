package io.cacheweaver.runtime;

import io.cacheweaver.runtime.remote.RemoteLayer;
import io.cacheweaver.runtime.remote.ValueType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A remote layer in memory, for testing the tiered cache's protocol without Redis: a version
 * per key stands in for the compare-and-set the Redis layer does, and the peer-load answer is
 * set by the test.
 */
final class FakeRemote implements RemoteLayer {
    record Entry(Object value, long version, long writtenAtMillis, long freshMillis) {
        Entry(Object value, long version) {
            this(value, version, System.currentTimeMillis(), 0);
        }
    }

    final Map<String, Entry> entries = new ConcurrentHashMap<>();
    final AtomicLong versions = new AtomicLong();
    final AtomicInteger releases = new AtomicInteger();
    final AtomicLong errors = new AtomicLong();
    volatile Object peerLoaded; // what awaitPeerLoad answers; null: this instance loads
    volatile boolean down;      // every call fails (counted), as when Redis is unreachable

    @Override
    public RemoteHit get(String cache, String key, ValueType type) {
        return read(cache, key, type).hit();
    }

    @Override
    public RemoteRead read(String cache, String key, ValueType type) {
        if (failed()) {
            return new RemoteRead(null, null);
        }
        Entry entry = entries.get(key);
        long seen = entry == null ? -1 : entry.version();
        if (entry == null || entry.value() == Tombstone.INSTANCE) {
            return new RemoteRead(null, seen);
        }
        long age = System.currentTimeMillis() - entry.writtenAtMillis();
        return new RemoteRead(new RemoteHit(entry.value(), age, entry.freshMillis()), seen);
    }

    @Override
    public void put(String cache, String key, Object value, long ttlMillis, long freshMillis) {
        if (!failed()) {
            entries.put(key, new Entry(value, versions.incrementAndGet(), System.currentTimeMillis(), freshMillis));
        }
    }

    @Override
    public synchronized boolean putLoaded(String cache, String key, Object value, long ttlMillis, long freshMillis, Object seen) {
        if (failed() || !(seen instanceof Long version)) {
            return true;
        }
        Entry entry = entries.get(key);
        if ((entry == null ? -1 : entry.version()) != version) {
            return false; // written since the miss read it
        }
        entries.put(key, new Entry(value, versions.incrementAndGet(), System.currentTimeMillis(), freshMillis));
        return true;
    }

    @Override
    public void evict(String cache, String key) {
        if (!failed()) {
            entries.put(key, new Entry(Tombstone.INSTANCE, versions.incrementAndGet()));
        }
    }

    @Override
    public void evictAll(String cache) {
        if (!failed()) {
            entries.clear();
        }
    }

    @Override
    public long errors(String cache) {
        return errors.get();
    }

    @Override
    public void close() {
    }

    @Override
    public RemoteHit awaitPeerLoad(String cache, String key, ValueType type) {
        Object peer = peerLoaded;
        return peer == null ? null : new RemoteHit(peer);
    }

    @Override
    public void releaseLoad(String cache, String key) {
        releases.incrementAndGet();
    }

    private boolean failed() {
        if (down) {
            errors.incrementAndGet();
        }
        return down;
    }

    enum Tombstone { INSTANCE }
}
