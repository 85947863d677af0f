package io.cacheweaver.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fixture.app.SharedCatalogConsole;
import io.cacheweaver.it.RulesFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same rules against a three-master Redis Cluster ({@code cluster: true}): two instances
 * share entries and hear each other's put, evict and evict-all; then the node the instances
 * first subscribed on is killed, and calls stay correct while the rest of the cluster keeps
 * caching and invalidating.
 */
class ClusterRedisTest {
    @TempDir
    Path dir;

    @Test
    void twoInstancesShareACacheOnAClusterAndSurviveANodeDying() throws Exception {
        assumeTrue(System.getenv("REDIS_URL") == null || System.getenv("REDIS_URL").isBlank(),
                "REDIS_URL is set: this test starts a cluster of its own");
        try (RedisCluster cluster = RedisCluster.start(dir)) {
            RedisServer seed = cluster.nodes.get(0);
            // keys the test relies on after the seed dies must live on the other nodes
            String prefix = prefixAwayFrom(cluster, seed);
            long survivor = keyAwayFrom(cluster, seed, prefix);
            Path rules = RulesFiles.write(dir, """
                    version: 1
                    redis:
                      url: "redis://127.0.0.1:%d"
                      cluster: true
                      keyPrefix: "%s"
                      timeout: 100ms
                    caches:
                      items: { ttl: 10m }
                    rules:
                      - { id: find, method: "fixture.app.SharedCatalog#find(long)", cache: items, key: "{id}" }
                      - { id: save, method: "fixture.app.SharedCatalog#save(long, String)", cache: items, action: put, key: "{id}" }
                      - { id: remove, method: "fixture.app.SharedCatalog#remove(long)", cache: items, action: evict, key: "{id}" }
                      - { id: reload, method: "fixture.app.SharedCatalog#reloadAll()", cache: items, action: evict, allEntries: true }
                    """.formatted(seed.port(), prefix));
            List<String> jvmArgs = List.of("-Dcacheweaver.redis.breakerOpen=200ms", "-Dcacheweaver.redis.pingInterval=200ms");
            try (ChildJvm a = instance(rules, jvmArgs); ChildJvm b = instance(rules, jvmArgs)) {
                for (long id = 1; id <= 6; id++) { // keys on all three nodes
                    assertEquals("item-" + id + "-v1", a.send("find " + id, "value"));
                    assertEquals("item-" + id + "-v1", b.send("find " + id, "value"));
                }
                assertEquals(0, b.calls(), "b read a's values from the cluster\n" + b.output());

                a.send("save 1 fresh");
                assertNotEquals("timeout", b.send("until 1 fresh", "changedAfterMicros"), b.output());
                a.send("remove 1");
                b.send("edition v2");
                assertNotEquals("timeout", b.send("until 1 item-1-v2", "changedAfterMicros"), b.output());
                a.send("reloadAll");
                assertNotEquals("timeout", b.send("until 2 item-2-v2", "changedAfterMicros"), b.output());
                a.send("edition v2");

                seed.kill(); // also the node both instances subscribed on first
                Map<String, String> loop = a.sendAll("loop 300 30");
                assertEquals("0", loop.get("wrong"), a.output());
                assertEquals("0", loop.get("exceptions"), a.output());
                assertEquals("0", b.sendAll("loop 300 30").get("wrong"));

                // the rest of the cluster still carries writes and invalidations (b resubscribed elsewhere)
                boolean heard = false;
                for (int attempt = 0; attempt < 20 && !heard; attempt++) {
                    a.send("save " + survivor + " after-kill-" + attempt);
                    heard = !"timeout".equals(b.send("until " + survivor + " after-kill-" + attempt + " 500", "changedAfterMicros"));
                }
                assertTrue(heard, "b never heard a's put after the node died\n" + b.output());
                assertFalse(a.output().contains("Exception in") || b.output().contains("Exception in"));
            }
        }
    }

    private static ChildJvm instance(Path rules, List<String> jvmArgs) throws Exception {
        ChildJvm child = new ChildJvm(rules, jvmArgs, SharedCatalogConsole.class);
        child.await("ready", 30);
        child.await("[cacheweaver] redis redis://127.0.0.1:", 30);
        return child;
    }

    /** A key prefix whose channel and generation key are not served by {@code node}. */
    private static String prefixAwayFrom(RedisCluster cluster, RedisServer node) throws Exception {
        for (int i = 0; ; i++) {
            String prefix = "cl" + i + ":";
            if (cluster.owner(prefix + "invalidate") != node && cluster.owner(prefix + "items:gen") != node) {
                return prefix;
            }
        }
    }

    /** An id whose value key (generation 1, after the evict-all) is not served by {@code node}. */
    private static long keyAwayFrom(RedisCluster cluster, RedisServer node, String prefix) throws Exception {
        for (long id = 100; ; id++) {
            if (cluster.owner(prefix + "items:1:" + id) != node) {
                return id;
            }
        }
    }
}
