package io.cacheweaver.runtime.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cacheweaver.rules.RedisSettings;
import io.cacheweaver.runtime.remote.RemoteLayer.RemoteHit;
import io.cacheweaver.runtime.remote.ValueType;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Tags in the Redis layer, against a real redis-server (skipped when none is installed). */
class RedisTagsTest {
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
        RedisSettings settings = new RedisSettings(server.url(), prefix, Duration.ofMillis(200));
        Properties tuning = new Properties();
        tuning.setProperty("cacheweaver.redis.tagRetention", "1h");
        return new RedisLayer(settings, RedisOptions.from(settings, tuning));
    }

    @Test
    void aTagEvictionIsOneKeyAndMakesEveryValueCarryingTheTagAMissForAFreshReader() {
        RedisLayer a = layer("g1:");
        try (JedisPooled redis = new JedisPooled(server.url())) {
            for (int i = 0; i < 50; i++) {
                a.put("pages", "p" + i, "page" + i, 600_000, 0, new String[] {"category:" + (i % 2), "all"});
            }
            a.put("pages", "plain", "untagged", 600_000);
            RedisLayer fresh = layer("g1:");
            RemoteHit hit = fresh.get("pages", "p1", STRING);
            assertEquals("page1", hit.value());
            assertArrayEquals(new String[] {"category:1", "all"}, hit.tags());
            fresh.close();
            assertTrue(redis.pttl("g1:pages:0:p1") <= 3_600_000, "a tagged value lives no longer than its tags' keys");

            a.evictTags(List.of("category:1"));
            assertEquals(1, redis.keys("g1:%tag:*").size(), "one key written, whatever the number of tagged values");
            assertTrue(redis.pttl("g1:%tag:category:1") > 3_500_000, "tag keys expire (tagRetention)");
            RedisLayer after = layer("g1:");
            for (int i = 0; i < 50; i++) {
                RemoteHit read = after.get("pages", "p" + i, STRING);
                if (i % 2 == 1) {
                    assertNull(read, "p" + i + " carries category:1");
                } else {
                    assertEquals("page" + i, read.value());
                }
            }
            assertEquals("untagged", after.get("pages", "plain", STRING).value());
            a.put("pages", "p1", "page1-new", 600_000, 0, new String[] {"category:1"});
            assertEquals("page1-new", after.get("pages", "p1", STRING).value(), "stored after the eviction: current");
            after.close();
        } finally {
            a.close();
        }
    }

    @Test
    void anEvictMadeWhileRedisIsUnreachableIsReplayedBeforeTheNextCall() throws Exception {
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        RedisSettings dead = new RedisSettings("redis://127.0.0.1:" + deadPort, "g2:", Duration.ofMillis(100), false, 2);
        RedisLayer down = new RedisLayer(dead, RedisOptions.from(dead, new Properties()));
        try {
            down.evict("c", "k");
            down.evictTags(List.of("t"));
            assertEquals(2, down.invalidationCounts().deferred());
            down.evict("c", "k2");
            assertEquals(3, down.invalidationCounts().deferred());
            assertEquals(0, down.invalidationCounts().replayed());
        } finally {
            down.close();
        }
        RedisLayer a = layer("g3:");
        assumeTrue(a != null);
        a.put("c", "k", "v", 600_000);
        a.close();
    }
}
