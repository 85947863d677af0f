package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.WarmScenarios;
import io.cacheweaver.it.redis.RedisExtension;
import io.cacheweaver.it.redis.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * warm: an application restarted with the real agent serves the previous run's hot keys as local
 * hits, without running the method: through Redis's record of hot keys, and through a snapshot file.
 */
@ExtendWith(RedisExtension.class)
class WarmTest {
    private static final String ANSWERS = "price-1-v1,price-2-v1,price-3-v1,price-4-v1,price-5-v1";

    @TempDir
    Path dir;

    private ForkedJvm.Result run(Path rules, String... scenario) {
        return ForkedJvm.run("rules=" + rules, List.of("-Dcacheweaver.jmx.delay=0"), WarmScenarios.class, scenario)
                .assertSuccess();
    }

    private Path rules(String redis, String cache) {
        return RulesFiles.write(dir, """
                version: 1
                %s
                caches:
                  prices: %s
                rules:
                  - id: price
                    method: fixture.app.PriceSource#price(long)
                    cache: prices
                    key: "{0}"
                """.formatted(redis, cache));
    }

    @Test
    void aRestartedInstanceServesTheHotKeysRecordedInRedisAsLocalHits(RedisServer redis) {
        String prefix = "warm" + ProcessHandle.current().pid() + ":";
        Path rules = rules("redis: { url: \"" + redis.url() + "\", keyPrefix: \"" + prefix + "\" }",
                "{ ttl: 10m, warm: { top: 3 } }");
        ForkedJvm.Result first = run(rules, "use");
        assertEquals(5, first.intValue("calls.price"));
        assertTrue(first.output().contains("pre-warming done: 0 entries"), "nothing recorded yet\n" + first.output());

        ForkedJvm.Result again = run(rules, "again", "3");
        assertEquals(3, again.intValue("warmed"), again.output());
        assertEquals(ANSWERS, again.value("answers"));
        assertEquals(0, again.intValue("calls.price"), "every key came from a cache\n" + again.output());
        assertEquals(3, again.intValue("cache.LocalHits"), "the 3 hot keys were warmed into the local layer");
        assertEquals(2, again.intValue("cache.RemoteHits"), "the 2 others were read through Redis");
        assertTrue(again.output().contains("pre-warming done: 3 entries"), again.output());
    }

    @Test
    void withoutRedisASnapshotFileWrittenAtShutdownWarmsTheNextRun() throws Exception {
        Path snapshot = dir.resolve("snapshots/prices.snap");
        Path rules = rules("", "{ ttl: 10m, layers: [local], warm: { top: 3, file: snapshots/prices.snap } }");
        ForkedJvm.Result first = run(rules, "use");
        assertTrue(Files.exists(snapshot), "written at orderly shutdown\n" + first.output());
        assertTrue(first.output().contains("pre-warming: wrote 3 entries to " + snapshot), first.output());
        assertTrue(!Files.readString(snapshot, java.nio.charset.StandardCharsets.ISO_8859_1).isEmpty());

        ForkedJvm.Result again = run(rules, "again", "3");
        assertEquals(3, again.intValue("warmed"), again.output());
        assertEquals(ANSWERS, again.value("answers"));
        assertEquals(2, again.intValue("calls.price"), "only the 2 keys that were not hot ran the method\n" + again.output());
        assertEquals(3, again.intValue("cache.LocalHits"));
        assertEquals(2, again.intValue("cache.CacheMisses"));
    }
}
