package io.cacheweaver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.rules.Layer;
import io.cacheweaver.rules.LocalSettings;
import io.cacheweaver.runtime.remote.ValueType;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The tiered cache's read/load/store protocol, on a local layer and an in-memory remote layer. */
class TieredCacheTest {
    private final FakeRemote remote = new FakeRemote();
    private final SiteCounters counters = new SiteCounters("r");
    private final Reader strings = new Reader(new ValueType(String.class, null), String.class, true, counters,
            TimeUnit.SECONDS.toNanos(5));

    private static CacheSpec spec(Duration cacheNulls, Layer... layers) {
        return new CacheSpec("c", Duration.ofMinutes(10), 0, cacheNulls, Set.of(layers),
                new LocalSettings(100, Duration.ofMinutes(1)));
    }

    private final TieredCache cache = new TieredCache(spec(null, Layer.LOCAL, Layer.REDIS), remote);

    @Test
    void aMissLoadsOnceThenTheLocalLayerServes() {
        Load load = assertInstanceOf(Load.class, cache.read(7L, strings));
        cache.loaded(load, "seven", null, true);
        assertEquals("seven", cache.probe(7L).value);
        assertEquals("seven", remote.entries.get("7").value(), "written through to the shared layer");
        assertEquals(1, counters.misses.sum());
        assertEquals(1, cache.stats().puts());
    }

    @Test
    void aRemoteHitIsCopiedIntoTheLocalLayer() {
        remote.put("c", "7", "from-peer", 60_000);
        CacheHit hit = assertInstanceOf(CacheHit.class, cache.read(7L, strings));
        assertEquals("from-peer", hit.value);
        assertEquals("from-peer", cache.probe(7L).value);
        assertEquals(1, counters.remoteHits.sum());
        assertEquals(0, counters.misses.sum());
    }

    @Test
    void aRemoteValueOfAnotherTypeIsAMissNotAWrongResult() {
        remote.put("c", "7", 42, 60_000);
        assertInstanceOf(Load.class, cache.read(7L, strings));
        assertNull(cache.probe(7L));
    }

    @Test
    void concurrentMissesOfOneKeyRunTheMethodOnce() throws Exception {
        Load owner = assertInstanceOf(Load.class, cache.read(1L, strings));
        CompletableFuture<Object> second = CompletableFuture.supplyAsync(() -> cache.read(1L, strings));
        awaitWaiting(second);
        cache.loaded(owner, "one", null, true);
        CacheHit shared = assertInstanceOf(CacheHit.class, second.get(5, TimeUnit.SECONDS));
        assertEquals("one", shared.value);
        assertEquals(1, counters.misses.sum(), "one load for two callers");
        assertEquals(1, counters.localHits.sum());
        assertEquals(1, remote.releases.get(), "the lease other instances wait on was released");
    }

    @Test
    void whenTheSharedLoadFailsTheWaiterRunsTheMethodItself() throws Exception {
        Load owner = assertInstanceOf(Load.class, cache.read(1L, strings));
        CompletableFuture<Object> second = CompletableFuture.supplyAsync(() -> cache.read(1L, strings));
        awaitWaiting(second);
        cache.failed(owner);
        Load own = assertInstanceOf(Load.class, second.get(5, TimeUnit.SECONDS));
        cache.loaded(own, "one", null, true);
        assertEquals(2, counters.misses.sum());
        assertEquals("one", cache.probe(1L).value);
    }

    @Test
    void aWaitIsBounded() throws Exception {
        Reader impatient = new Reader(new ValueType(String.class, null), String.class, true, counters,
                TimeUnit.MILLISECONDS.toNanos(50));
        assertInstanceOf(Load.class, cache.read(1L, strings)); // never completed
        Object second = CompletableFuture.supplyAsync(() -> cache.read(1L, impatient)).get(5, TimeUnit.SECONDS);
        assertInstanceOf(Load.class, second, "after the wait the caller runs the method itself");
    }

    @Test
    void aLoadThatRacedAnEvictDoesNotStore() {
        Load load = assertInstanceOf(Load.class, cache.read(1L, strings));
        cache.evict((Object) 1L); // a writer changed the source after the load read it
        cache.loaded(load, "old", null, true);
        assertNull(cache.probe(1L));
        assertEquals(1, cache.stats().staleStoresDropped());
        assertEquals(FakeRemote.Tombstone.INSTANCE, remote.entries.get("1").value(), "the stale value did not reach Redis");
    }

    @Test
    void aLoadThatRacedEvictAllDoesNotStore() {
        Load load = assertInstanceOf(Load.class, cache.read(1L, strings));
        cache.evictAll();
        cache.loaded(load, "old", null, true);
        assertNull(cache.probe(1L));
        assertEquals(1, cache.stats().staleStoresDropped());
    }

    @Test
    void aLoadThatRacedAnotherInstancesWriteDoesNotStoreAnywhere() {
        Load load = assertInstanceOf(Load.class, cache.read(1L, strings));
        remote.put("c", "1", "newer", 60_000); // another instance's put, whose message has not arrived yet
        cache.loaded(load, "old", null, true);
        assertNull(cache.probe(1L), "the compare-and-set failed, so the local layer stays empty too");
        assertEquals("newer", remote.entries.get("1").value());
        assertEquals(1, cache.stats().staleStoresDropped());
    }

    @Test
    void anInvalidationMessageDuringALoadDropsItsValue() {
        Load load = assertInstanceOf(Load.class, cache.read(1L, strings));
        cache.invalidateLocal("1");
        cache.loaded(load, "old", null, true);
        assertNull(cache.probe(1L));
    }

    @Test
    void aValueAnotherInstanceLoadedMeanwhileIsServedWithoutRunningTheMethod() {
        remote.peerLoaded = "peer";
        CacheHit hit = assertInstanceOf(CacheHit.class, cache.read(1L, strings));
        assertEquals("peer", hit.value);
        assertEquals(1, counters.remoteHits.sum());
        assertEquals(0, counters.misses.sum());
        assertEquals("peer", cache.probe(1L).value);
        remote.peerLoaded = null;
        assertInstanceOf(Load.class, cache.read(2L, strings), "the flight of key 1 did not leak into key 2");
    }

    @Test
    void emptyOptionalIsAbsentLikeNull() {
        Reader optionals = new Reader(new ValueType(Optional.class, null), Optional.class, true, counters, 0);
        Load load = assertInstanceOf(Load.class, cache.read(1L, optionals));
        cache.loaded(load, Optional.empty(), null, true);
        assertNull(cache.probe(1L), "not found is not cached without cacheNulls");
        assertTrue(remote.entries.isEmpty());

        TieredCache withNulls = new TieredCache(spec(Duration.ofSeconds(30), Layer.LOCAL));
        Load cached = assertInstanceOf(Load.class, withNulls.read(1L, optionals));
        withNulls.loaded(cached, Optional.empty(), null, true);
        assertEquals(Optional.empty(), withNulls.probe(1L).value);
    }

    @Test
    void remoteErrorsAreTheCachesFiguresAndResetToZero() {
        remote.down = true;
        assertInstanceOf(Load.class, cache.read(1L, strings));
        cache.evict((Object) 2L);
        assertEquals(2, cache.stats().remoteErrors());
        cache.resetStats();
        assertEquals(0, cache.stats().remoteErrors());
        cache.evict((Object) 2L);
        assertEquals(1, cache.stats().remoteErrors());
    }

    @Test
    void aRedisOutageIsAMissAndTheValueStillCachesLocally() {
        remote.down = true;
        Load load = assertInstanceOf(Load.class, cache.read(1L, strings));
        cache.loaded(load, "one", null, true);
        assertEquals("one", cache.probe(1L).value);
        assertEquals(0, cache.stats().staleStoresDropped());
    }

    @Test
    void asyncCallersShareTheFutureInFlight() {
        Load load = assertInstanceOf(Load.class, cache.readAsync(1L, strings));
        CompletableFuture<String> future = new CompletableFuture<>();
        cache.loadingAsync(load, future);
        CacheHit shared = assertInstanceOf(CacheHit.class, cache.readAsync(1L, strings));
        CompletableFuture<?> copy = assertInstanceOf(CompletableFuture.class, shared.value);
        copy.cancel(true);
        assertTrue(!future.isCancelled(), "a caller cancelling its copy does not cancel the load");
        future.complete("one");
        cache.loaded(load, "one", null, true);
        cache.settledAsync(load, future);
        assertEquals("one", cache.probe(1L).value);
        assertEquals(1, cache.stats().puts());
    }

    /** Until the second caller is parked on the first caller's flight. */
    private static void awaitWaiting(CompletableFuture<Object> caller) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                for (StackTraceElement frame : t.getStackTrace()) {
                    if (frame.getClassName().equals(Flight.class.getName()) && frame.getMethodName().equals("await")) {
                        return;
                    }
                }
            }
            if (caller.isDone()) {
                fail("the second caller did not wait: " + caller.join());
            }
            Thread.sleep(1);
        }
        fail("the second caller never waited on the flight");
    }
}
