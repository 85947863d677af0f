package io.cacheweaver.runtime.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cacheweaver.rules.RedisSettings;
import io.cacheweaver.runtime.remote.RemoteLayer.RemoteRead;
import io.cacheweaver.runtime.remote.ValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The batch commands of the Redis layer against a real redis-server (skipped when none is installed). */
class RedisBatchesTest {
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

    private static RedisLayer layer(String prefix) {
        assumeTrue(server != null, "redis-server is not installed");
        RedisSettings settings = new RedisSettings(server.url(), prefix, Duration.ofMillis(500));
        Properties tuning = new Properties();
        tuning.setProperty("cacheweaver.redis.pingInterval", "200ms");
        return new RedisLayer(settings, RedisOptions.from(settings, tuning));
    }

    @Test
    void keysOfSeveralKindsPackIntoOneMessageAndBackWhateverTheyContain() {
        List<String> keys = List.of("42", "", "a:b", "7:x", "line\nbreak", "ünï");
        assertEquals(keys, PeerMessage.unpackKeys(PeerMessage.packKeys(keys)));
        assertEquals(List.of("ab"), PeerMessage.unpackKeys("2:ab9:cut"), "a malformed tail is dropped");
    }

    @Test
    void readManyFindsWhatPutManyStoredInOrderAndMissesTheRest() {
        RedisLayer a = layer("b1:");
        try {
            a.putMany("c", List.of("1", "3"), List.of("one", "three"), new long[] {60_000, 60_000}, new long[] {0, 0});
            a.evict("c", "4");
            List<RemoteRead> reads = a.readMany("c", List.of("1", "2", "3", "4"), STRING);
            assertEquals("one", reads.get(0).hit().value());
            assertNull(reads.get(1).hit());
            assertEquals("three", reads.get(2).hit().value());
            assertNull(reads.get(3).hit(), "a tombstone is a miss");
            assertTrue(reads.get(1).seen() != null, "what the miss saw, for the compare-and-set");
        } finally {
            a.close();
        }
    }

    @Test
    void putLoadedManyStoresOnlyKeysNobodyWroteSinceTheirMiss() {
        RedisLayer a = layer("b2:");
        try {
            List<RemoteRead> misses = a.readMany("c", List.of("1", "2"), STRING);
            a.put("c", "2", "newer", 60_000); // a write between the miss and the store
            Object[] seen = {misses.get(0).seen(), misses.get(1).seen()};
            boolean[] stored = a.putLoadedMany("c", List.of("1", "2"), List.of("loaded1", "loaded2"),
                    new long[] {60_000, 60_000}, new long[] {0, 0}, seen);
            assertArrayEquals(new boolean[] {true, false}, stored);
            List<RemoteRead> reads = a.readMany("c", List.of("1", "2"), STRING);
            assertEquals("loaded1", reads.get(0).hit().value());
            assertEquals("newer", reads.get(1).hit().value());
        } finally {
            a.close();
        }
    }

    @Test
    void anotherInstanceHearsEveryKeyOfABatchFromOneMessage() throws Exception {
        RedisLayer a = layer("b3:");
        RedisLayer b = layer("b3:");
        RedisLayerTest.Heard heard = new RedisLayerTest.Heard();
        b.onInvalidation(heard);
        a.onInvalidation(new RedisLayerTest.Heard());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!(a.listening() && b.listening())) {
                assertTrue(System.nanoTime() < deadline, "subscriptions not up");
                Thread.sleep(5); // waiting for a background connection we cannot be notified of
            }
            heard.events.clear();
            a.evictMany("c", List.of("1", "2", "3"));
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                events.add(heard.events.poll(2, TimeUnit.SECONDS));
            }
            assertEquals(Arrays.asList("key c 1", "key c 2", "key c 3"), events);
            assertNull(a.readMany("c", List.of("1"), STRING).get(0).hit());
        } finally {
            a.close();
            b.close();
        }
    }
}
