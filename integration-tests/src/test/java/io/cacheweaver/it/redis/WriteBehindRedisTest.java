package io.cacheweaver.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import fixture.app.WriteBehindScenarios;
import io.cacheweaver.it.ForkedJvm;
import io.cacheweaver.it.RulesFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A write-behind call stores its value in Redis at once, as put does: another instance reads it without the source. */
@ExtendWith(RedisExtension.class)
class WriteBehindRedisTest {
    @TempDir
    Path dir;

    @Test
    void theValueReachesRedisAtTheCallAndAnotherInstanceReadsItFromThere(RedisServer redis) throws Exception {
        String prefix = "itwb" + ProcessHandle.current().pid() + ":";
        Path rules = RulesFiles.write(dir, """
                version: 1
                redis:
                  url: "%s"
                  keyPrefix: "%s"
                caches:
                  stock: { ttl: 10m }
                rules:
                  - id: stock-write
                    method: fixture.app.StockDao#updateStock(String, int)
                    cache: stock
                    action: write-behind
                    key: "{sku}"
                    value: "{qty}"
                    writeBehind: { delay: 1h }
                  - id: stock-read
                    method: fixture.app.StockDao#stock(String)
                    cache: stock
                    key: "{sku}"
                """.formatted(redis.url(), prefix));
        Path journal = dir.resolve("stock.journal");
        ForkedJvm.run("rules=" + rules, List.of(), WriteBehindScenarios.class, "exit", journal.toString()).assertSuccess();
        assertEquals(3, Files.readAllLines(journal).size(), "flushed at exit");
        assertNotNull(redis.command("GET", prefix + "stock:0:sku-1"), "stored in Redis (generation 0): "
                + redis.command("KEYS", prefix + "*"));

        Files.delete(journal); // the source forgets: only Redis can answer now
        ForkedJvm.Result reader = ForkedJvm.run("rules=" + rules, List.of(), WriteBehindScenarios.class, "read",
                journal.toString(), "sku-1").assertSuccess();
        assertEquals(2, reader.intValue("read"), reader.output());
        assertEquals(0, reader.intValue("calls.stock"), "answered from Redis");
    }
}
