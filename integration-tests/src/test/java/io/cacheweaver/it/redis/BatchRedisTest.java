package io.cacheweaver.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.BatchConsole;
import io.cacheweaver.it.RulesFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Batch rules across instances sharing one Redis: one MGET per batch, put-each and evict-each seen by the other instance. */
@ExtendWith(RedisExtension.class)
class BatchRedisTest {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final String LISTENING = "[cacheweaver] redis ";

    @TempDir
    Path dir;

    private String prefix = "batch" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet() + ":";

    private Path rules(RedisServer redis, String layers) {
        String yaml = BatchTest.RULES.formatted(", layers: " + layers).replace("caches:", """
                redis:
                  url: "%s"
                  keyPrefix: "%s"
                  timeout: 500ms
                caches:""".formatted(redis.url(), prefix));
        return RulesFiles.write(dir, yaml);
    }

    private static ChildJvm instance(Path rules) throws Exception {
        ChildJvm child = new ChildJvm(rules, List.of(), BatchConsole.class);
        child.await("ready", 30);
        child.await(LISTENING, 30);
        return child;
    }

    /** How many times Redis ran {@code command} since it started ({@code INFO commandstats}). */
    private static long calls(RedisServer redis, String command) throws IOException {
        Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(redis.command("INFO", "commandstats"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test
    void aRedisOnlyInstanceFillsABatchFromAnotherInstancesEntriesWithOneMget(RedisServer redis) throws Exception {
        String all = "p10-v1,p9-v1,p8-v1,p7-v1,p6-v1,p5-v1,p4-v1,p3-v1,p2-v1,p1-v1";
        try (ChildJvm a = instance(rules(redis, "[local, redis]"))) {
            long publishes = calls(redis, "publish");
            assertEquals(all, a.send("list 10,9,8,7,6,5,4,3,2,1", "value"));
            assertEquals(1, calls(redis, "publish") - publishes, "the ten loaded values are announced in one message");
            assertEquals("1", a.send("calls", "calls.findByIds"));
        }
        try (ChildJvm b = instance(rules(redis, "[redis]"))) {
            long mgets = calls(redis, "mget");
            long gets = calls(redis, "get");
            assertEquals(all, b.send("list 10,9,8,7,6,5,4,3,2,1", "value"), b.output());
            assertEquals(1, calls(redis, "mget") - mgets, "one MGET for ten ids");
            assertTrue(calls(redis, "get") - gets <= 1, "no GET per id (at most the cache's generation)");
            assertEquals("0", b.send("calls", "calls.findByIds"), "every id came from the other instance's entries");
            assertEquals("p4-v1", b.send("one 4", "value"));
            assertEquals("0", b.send("calls", "calls.findById"), "the single-key rule reads the same entries");
        }
    }

    @Test
    void putEachAndEvictEachAreSeenByTheOtherInstanceWithOneMessagePerBatch(RedisServer redis) throws Exception {
        Path rules = rules(redis, "[local, redis]");
        try (ChildJvm a = instance(rules); ChildJvm b = instance(rules)) {
            assertEquals("p1-v1,p2-v1,p3-v1", a.send("list 1,2,3", "value"));
            assertEquals("p1-v1,p2-v1,p3-v1", b.send("list 1,2,3", "value"));
            assertEquals("0", b.send("calls", "calls.findByIds"), "b read a's entries");

            long publishes = calls(redis, "publish");
            a.send("save 1:fresh1,2:fresh2");
            assertEquals(1, calls(redis, "publish") - publishes, "one invalidation message for the batch");
            assertEquals("ok", b.send("until list 1,2,3 fresh1,fresh2,p3-v1", "until"), b.output());
            assertEquals("0", b.send("calls", "calls.findByIds"), "b read the new values from Redis");

            a.send("edition v2");
            b.send("edition v2");
            publishes = calls(redis, "publish");
            a.send("delete 1,3");
            assertEquals(1, calls(redis, "publish") - publishes, "one invalidation message for the batch");
            assertEquals("ok", b.send("until list 1,2,3 p1-v2,fresh2,p3-v2", "until"), b.output());
            assertEquals("findByIds:[1, 3]:ArrayList", lastAsked(b.send("asked", "asked")), "b reloaded what a evicted");
        }
    }

    private static String lastAsked(String asked) {
        String[] all = asked.split(" \\| ");
        return all[all.length - 1];
    }
}
