package io.cacheweaver.runtime.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cacheweaver.rules.RedisSettings;
import io.cacheweaver.runtime.remote.RemoteLayer.RemoteRead;
import io.cacheweaver.runtime.remote.ValueType;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stale-set race across instances, on a real redis-server: instance A misses and loads,
 * instance B writes the key meanwhile, A's store must then be a no-op (docs/redis.md, "Stale-set protection").
 */
class ConditionalSetTest {
    private static final ValueType STRING = new ValueType(String.class, null);
    private static RedisServerProcess server;
    private static int prefixes;
    private RedisLayer a;
    private RedisLayer b;

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

    @BeforeEach
    void layers() {
        assumeTrue(server != null, "redis-server is not installed");
        RedisSettings settings = new RedisSettings(server.url(), "cs" + (++prefixes) + ":", Duration.ofMillis(200));
        Properties tuning = new Properties();
        tuning.setProperty("cacheweaver.redis.invalidation", "false");
        a = new RedisLayer(settings, RedisOptions.from(settings, tuning));
        b = new RedisLayer(settings, RedisOptions.from(settings, tuning));
    }

    @AfterEach
    void close() {
        if (a != null) {
            a.close();
            b.close();
        }
    }

    @Test
    void aLoadDoesNotStoreOverAnEvictThatHappenedWhileItRan() {
        RemoteRead miss = a.read("c", "k", STRING);
        assertNull(miss.hit());
        b.evict("c", "k");
        assertFalse(a.putLoaded("c", "k", "old", 60_000, miss.seen()), "B's evict came after A's read");
        assertNull(b.get("c", "k", STRING), "the tombstone reads as a miss");
        RemoteRead afterEvict = a.read("c", "k", STRING);
        assertNull(afterEvict.hit());
        assertTrue(a.putLoaded("c", "k", "new", 60_000, afterEvict.seen()), "a load that started after the evict stores");
        assertEquals("new", b.get("c", "k", STRING).value());
        assertEquals(0, a.errors("c") + b.errors("c"), "tombstones are not errors");
    }

    @Test
    void aLoadDoesNotOverwriteAPutThatHappenedWhileItRan() {
        RemoteRead miss = a.read("c", "k", STRING);
        b.put("c", "k", "put", 60_000);
        assertFalse(a.putLoaded("c", "k", "old", 60_000, miss.seen()));
        assertEquals("put", a.get("c", "k", STRING).value());
    }

    @Test
    void ofTwoLoadsThatSawTheSameMissOnlyTheFirstStores() {
        RemoteRead missA = a.read("c", "k", STRING);
        RemoteRead missB = b.read("c", "k", STRING);
        assertTrue(b.putLoaded("c", "k", "b", 60_000, missB.seen()));
        assertFalse(a.putLoaded("c", "k", "a", 60_000, missA.seen()));
        assertEquals("b", a.get("c", "k", STRING).value());
    }

    @Test
    void aLoadThatStartedBeforeAnEvictAllStoresOnlyIntoTheOldGeneration() {
        RemoteRead miss = a.read("c", "k", STRING);
        b.evictAll("c");
        a.putLoaded("c", "k", "old", 60_000, miss.seen());
        assertNull(b.get("c", "k", STRING), "readers of the new generation do not see it");
    }

    @Test
    void withoutAnythingKnownAboutTheKeyNothingIsStored() {
        assertTrue(a.putLoaded("c", "k", "v", 60_000, null), "not a detected write: the caller may keep it locally");
        assertNull(b.get("c", "k", STRING));
    }
}
