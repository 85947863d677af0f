package io.cacheweaver.runtime.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cacheweaver.rules.RedisSettings;
import io.cacheweaver.runtime.remote.InvalidationListener;
import io.cacheweaver.runtime.remote.RemoteLayer.RemoteHit;
import io.cacheweaver.runtime.remote.ValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** The layer against a real redis-server (skipped when none is installed; the integration tests insist). */
class RedisLayerTest {
    private static final ValueType STRING = new ValueType(String.class, null);
    private static RedisServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = RedisServerProcess.startOrNull();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static RedisLayer layer(String prefix, String url) {
        assumeTrue(server != null, "redis-server is not installed");
        RedisSettings settings = new RedisSettings(url, prefix, Duration.ofMillis(200));
        Properties tuning = new Properties();
        tuning.setProperty("cacheweaver.redis.breakerOpen", "300ms");
        tuning.setProperty("cacheweaver.redis.pingInterval", "200ms");
        return new RedisLayer(settings, RedisOptions.from(settings, tuning));
    }

    /** Collects what a layer hears from the others. */
    static final class Heard implements InvalidationListener {
        final BlockingQueue<String> events = new ArrayBlockingQueue<>(10_000);
        final java.util.concurrent.atomic.AtomicInteger warmUps = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.CountDownLatch warmedUp = new java.util.concurrent.CountDownLatch(1);

        @Override
        public void invalidated(String cache, String key) {
            events.add("key " + cache + " " + key);
        }

        @Override
        public void invalidatedAll(String cache) {
            events.add("all " + cache);
        }

        @Override
        public void resynchronize() {
            events.add("resync");
        }

        @Override
        public void warmUp() {
            warmUps.incrementAndGet();
            warmedUp.countDown();
        }
    }

    @Test
    void storesReadsNullsEvictsAndEvictsAll() {
        RedisLayer a = layer("t1:", server == null ? "" : server.url());
        try {
            a.put("c", "k", "v", 60_000);
            a.put("c", "n", null, 60_000);
            assertEquals("v", a.get("c", "k", STRING).value());
            RemoteHit cachedNull = a.get("c", "n", STRING);
            assertNotNull(cachedNull, "a cached null is a hit");
            assertNull(cachedNull.value());
            assertNull(a.get("c", "missing", STRING));
            a.evict("c", "k");
            assertNull(a.get("c", "k", STRING));
            a.put("c", "k", "v2", 60_000);
            a.put("other", "k", "o", 60_000);
            a.evictAll("c");
            assertNull(a.get("c", "k", STRING));
            assertNull(a.get("c", "n", STRING));
            assertEquals("o", a.get("other", "k", STRING).value(), "evict-all touches one cache only");
            try (JedisPooled redis = new JedisPooled(server.url())) {
                long ttl = redis.pttl("t1:other:0:k");
                assertTrue(ttl > 50_000 && ttl <= 60_000, "PX set: " + ttl);
                assertEquals("1", redis.get("t1:c:gen"));
            }
            assertEquals(0, a.errors("c"));
        } finally {
            a.close();
        }
    }

    @Test
    void undecodableValuesAreAMissCountedAndDeleted() {
        RedisLayer a = layer("t2:", server == null ? "" : server.url());
        try (JedisPooled redis = new JedisPooled(server.url())) {
            redis.set("t2:c:0:k", "J[\"javax.script.ScriptEngineManager\",\"http://127.0.0.1:1/\"]");
            assertNull(a.get("c", "k", new ValueType(Integer.class, null)));
            assertEquals(1, a.errors("c"));
            assertEquals(false, redis.exists("t2:c:0:k"), "the bad entry is deleted");
        } finally {
            a.close();
        }
    }

    @Test
    void anUnreachableRedisIsAFastMissAndOpensTheBreaker() throws Exception {
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        RedisLayer a = layer("t3:", "redis://127.0.0.1:" + deadPort);
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                assertNull(a.get("c", "k" + i, STRING));
                a.put("c", "k" + i, "v", 1000);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 2000, "2000 calls against a closed port took " + millis + " ms");
            assertTrue(a.errors("c") >= 5 && a.errors("c") < 100, "errors counted until the breaker opened: " + a.errors("c"));
        } finally {
            a.close();
        }
    }

    @Test
    void otherInstancesHearWritesWithinMilliseconds() throws Exception {
        String url = server == null ? "" : server.url();
        RedisLayer a = layer("t4:", url);
        RedisLayer b = layer("t4:", url);
        Heard heardByA = new Heard();
        Heard heardByB = new Heard();
        a.onInvalidation(heardByA);
        b.onInvalidation(heardByB);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!(a.listening() && b.listening())) {
                assertTrue(System.nanoTime() < deadline, "subscriptions not up");
                Thread.sleep(5); // waiting for a background connection we cannot be notified of
            }
            heardByA.events.clear(); // the first subscription resynchronizes: nothing was heard before it
            heardByB.events.clear();
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                a.evict("c", "k" + i);
                long evicted = System.nanoTime();
                String event = heardByB.events.poll(2, TimeUnit.SECONDS);
                micros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - evicted));
                assertEquals("key c k" + i, event);
            }
            a.evictAll("c");
            assertEquals("all c", heardByB.events.poll(2, TimeUnit.SECONDS));
            assertNull(heardByA.events.poll(100, TimeUnit.MILLISECONDS), "an instance ignores its own messages");
            Collections.sort(micros);
            System.out.println("invalidation latency after evict returns (200 evicts, µs): p50=" + micros.get(100)
                    + " p99=" + micros.get(198) + " max=" + micros.get(199));
        } finally {
            a.close();
            b.close();
        }
    }

    /**
     * The first subscription clears the local layers (nothing was heard before it), then runs the
     * message path once, so the first real message does not pay for class loading (issue 11:
     * 13–19 ms for the first message, ~2 ms after).
     */
    @Test
    void theFirstSubscriptionResynchronizesThenWarmsUpOnce() throws Exception {
        RedisLayer a = layer("t6:", server == null ? "" : server.url());
        RedisLayer b = layer("t6:", server.url());
        Heard heard = new Heard();
        a.onInvalidation(heard);
        try {
            assertTrue(heard.warmedUp.await(5, TimeUnit.SECONDS), "no warm-up after subscribing");
            assertEquals("resync", heard.events.poll(), "local layers cleared first, then warmed up");
            b.evict("c", "k");
            assertEquals("key c k", heard.events.poll(2, TimeUnit.SECONDS));
            assertNull(heard.events.poll(100, TimeUnit.MILLISECONDS), "the warm-up delivers no message");
            assertEquals(1, heard.warmUps.get());
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void onlyOneInstanceGetsTheLeaseAndTheOthersReadItsValue() throws Exception {
        String url = server == null ? "" : server.url();
        RedisLayer a = layer("t5:", url);
        RedisLayer b = layer("t5:", url);
        try {
            assertNull(a.awaitPeerLoad("c", "k", STRING), "a takes the lease and loads");
            Thread loader = new Thread(() -> {
                a.put("c", "k", "loaded", 60_000);
                a.releaseLoad("c", "k");
            });
            long start = System.nanoTime();
            loader.start();
            RemoteHit seen = b.awaitPeerLoad("c", "k", STRING);
            assertNotNull(seen, "b waits for a's value instead of loading");
            assertEquals("loaded", seen.value());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
            loader.join();
            assertNull(b.awaitPeerLoad("c", "other", STRING), "a free key: b loads it");
            b.releaseLoad("c", "other");
            assertNull(a.awaitPeerLoad("c", "other", STRING), "released: a may load it too");
        } finally {
            a.close();
            b.close();
        }
    }
}
