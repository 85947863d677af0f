package io.cacheweaver.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fixture.app.BatchConsole;
import io.cacheweaver.it.RulesFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch rules on a three-master Redis Cluster: the keys of one batch live in many hash slots, so
 * the read is one MGET per slot and the stores go through a cluster pipeline; another instance
 * reads every id the first one loaded, and hears its put-each and evict-each.
 */
class BatchClusterTest {
    @TempDir
    Path dir;

    @Test
    void aBatchSpanningEverySlotIsSharedThroughTheCluster() throws Exception {
        assumeTrue(System.getenv("REDIS_URL") == null || System.getenv("REDIS_URL").isBlank(),
                "REDIS_URL is set: this test starts a cluster of its own");
        try (RedisCluster cluster = RedisCluster.start(dir)) {
            String yaml = BatchTest.RULES.formatted("").replace("caches:", """
                    redis:
                      url: "redis://127.0.0.1:%d"
                      cluster: true
                      keyPrefix: "bc:"
                      timeout: 500ms
                    caches:""".formatted(cluster.nodes.get(0).port()));
            Path rules = RulesFiles.write(dir, yaml);
            String all = "p12-v1,p11-v1,p10-v1,p9-v1,p8-v1,p7-v1,p6-v1,p5-v1,p4-v1,p3-v1,p2-v1,p1-v1";
            try (ChildJvm a = instance(rules); ChildJvm b = instance(rules)) {
                assertEquals(all, a.send("list 12,11,10,9,8,7,6,5,4,3,2,1", "value"));
                assertEquals(all, b.send("list 12,11,10,9,8,7,6,5,4,3,2,1", "value"), b.output());
                assertEquals("0", b.send("calls", "calls.findByIds"), "b read every id a loaded\n" + b.output());

                a.send("save 1:fresh1,7:fresh7");
                assertEquals("ok", b.send("until list 1,7,9 fresh1,fresh7,p9-v1", "until"), b.output());
                a.send("edition v2");
                b.send("edition v2");
                a.send("delete 1,9");
                assertEquals("ok", b.send("until list 1,7,9 p1-v2,fresh7,p9-v2", "until"), b.output());
            }
        }
    }

    private static ChildJvm instance(Path rules) throws Exception {
        ChildJvm child = new ChildJvm(rules, List.of(), BatchConsole.class);
        child.await("ready", 30);
        child.await("[cacheweaver] redis redis://127.0.0.1:", 30);
        return child;
    }
}
