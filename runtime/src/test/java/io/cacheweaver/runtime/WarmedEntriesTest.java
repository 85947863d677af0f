package io.cacheweaver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.rules.Freshness;
import io.cacheweaver.rules.Layer;
import io.cacheweaver.rules.LocalSettings;
import io.cacheweaver.rules.Warm;
import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.remote.RemoteLayer.Stored;
import io.cacheweaver.runtime.remote.ValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pre-warming without Redis: the snapshot file, and a warmed value's first read, write and type check. */
class WarmedEntriesTest {
    @TempDir
    Path dir;

    private final SiteCounters counters = new SiteCounters("r");
    private final Reader strings = new Reader(new ValueType(String.class, null), String.class, true, counters,
            TimeUnit.SECONDS.toNanos(5));

    private TieredCache cache(Path file) {
        return new TieredCache(new CacheSpec("c", Duration.ofMinutes(10), 0, null, Set.of(Layer.LOCAL),
                new LocalSettings(100, Duration.ofMinutes(10)), Freshness.NONE, new Warm(3, file)));
    }

    private static void load(TieredCache cache, Object key, String value, Reader reader) {
        cache.loaded(assertInstanceOf(Load.class, cache.read(key, reader)), value, null, true);
    }

    @Test
    void theHottestEntriesSurviveARestartThroughTheSnapshotAndTheirFirstReadIsALocalHit() throws Exception {
        Path file = dir.resolve("snap/c.snap");
        TieredCache before = cache(file);
        for (long id = 1; id <= 5; id++) {
            load(before, id, "v" + id, strings);
        }
        for (int i = 0; i < 20; i++) { // 1 and 2 are used most
            before.probe(1L);
            before.probe(2L);
        }
        List<SnapshotFile.Entry> entries = SnapshotFile.entriesOf(before, 3);
        assertEquals(3, entries.size(), "top 3 of 5");
        assertTrue(entries.stream().anyMatch(e -> e.key().equals("1")) && entries.stream().anyMatch(e -> e.key().equals("2")),
                "the most used are kept: " + entries.stream().map(SnapshotFile.Entry::key).toList());
        SnapshotFile.write(file, entries);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "cached values are readable by their owner only");

        TieredCache after = cache(file);
        SnapshotFile.Contents contents = SnapshotFile.read(file);
        for (SnapshotFile.Entry e : contents.entries()) {
            Object key = KeyTemplate.canonical(e.key());
            assertTrue(after.park(key, parked(e.stored(), e.freshMillis()), after.stampForWarming(key)));
        }
        assertEquals(3, after.warmedEntries());
        counters.reset();
        CacheHit hit = assertInstanceOf(CacheHit.class, after.read(1L, strings), "no load: the warmed value answers");
        assertEquals("v1", hit.value);
        assertEquals(1, counters.localHits.sum());
        assertEquals(0, counters.misses.sum());
        assertEquals("v1", after.probe(1L).value, "and is now an ordinary local entry");
    }

    @Test
    void aWriteDropsTheWarmedValueAndSoDoesALoadOfTheKey() throws Exception {
        TieredCache cache = cache(null);
        byte[] old = io.cacheweaver.runtime.redis.StoredValues.encode("old");
        assertTrue(cache.park(1L, parked(old, 60_000), cache.stampForWarming(1L)));
        cache.evict(1L);
        assertInstanceOf(Load.class, cache.read(1L, strings), "evicted before its first read: the source answers");

        long stamp = cache.stampForWarming(2L);
        cache.evict(2L);
        assertFalse(cache.park(2L, parked(old, 60_000), stamp), "written while it was fetched: not parked");
    }

    @Test
    void aValueThatDoesNotFitTheCallersTypeOrHasExpiredIsNotServed() throws Exception {
        TieredCache cache = cache(null);
        assertTrue(cache.park(1L, parked(io.cacheweaver.runtime.redis.StoredValues.encode(List.of(4, 2)), 60_000), cache.stampForWarming(1L)));
        assertInstanceOf(Load.class, cache.read(1L, strings), "a list never answers a String method");
        assertTrue(cache.park(2L, parked(io.cacheweaver.runtime.redis.StoredValues.encode("x"), 0), cache.stampForWarming(2L)));
        assertInstanceOf(Load.class, cache.read(2L, strings), "no lifetime left");
    }

    @Test
    void aDamagedOrMissingSnapshotWarmsNothing() throws Exception {
        assertEquals(List.of(), SnapshotFile.read(dir.resolve("none.snap")).entries());
        Path bad = dir.resolve("bad.snap");
        Files.writeString(bad, "not a snapshot");
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> SnapshotFile.read(bad));
    }

    private static WarmedEntries.Parked parked(byte[] stored, long freshMillis) {
        return new WarmedEntries.Parked(new Stored(stored, freshMillis), System.nanoTime() + freshMillis * 1_000_000, false);
    }
}
