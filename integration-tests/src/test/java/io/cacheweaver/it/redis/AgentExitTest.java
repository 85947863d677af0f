package io.cacheweaver.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import fixture.app.ExitScenario;
import io.cacheweaver.it.ForkedJvm;
import io.cacheweaver.it.RulesFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's threads that block in native calls (the rules watcher's watch service, the Redis
 * invalidation subscription, the metrics endpoint's HTTP server) are released when the JVM exits.
 * A thread left in a native call makes HotSpot's final safepoint wait up to 300 ms for it: with
 * the watcher alone, every exit of an application with the agent took 300 ms longer (issue 17).
 */
@ExtendWith(RedisExtension.class)
class AgentExitTest {
    @TempDir
    Path dir;

    @Test
    void threadsBlockedInNativeCallsEndWhenTheJvmExits(RedisServer redis) {
        Path rules = RulesFiles.write(dir, """
                version: 1
                redis:
                  url: "%s"
                  keyPrefix: "exit%d-%d:"
                metrics:
                  prometheus: { port: 0 }
                caches:
                  items: { ttl: 10m, layers: [local, redis] }
                rules:
                  - id: find
                    method: fixture.app.SharedCatalog#find(long)
                    cache: items
                    key: "{id}"
                """.formatted(redis.url(), ProcessHandle.current().pid(), System.nanoTime()));
        ForkedJvm.Result result = ForkedJvm.run("rules=" + rules, List.of(), ExitScenario.class, "4").assertSuccess();

        assertEquals(1, result.intValue("calls.find"), "the agent wove find: " + result.output());
        assertEquals("[FileSystemWatchService, HTTP-Dispatcher, cacheweaver-redis-invalidation, cacheweaver-rules-watcher]",
                result.value("runningBeforeExit"), result.output());
        assertEquals("[]", result.value("aliveAtExit"), result.output());
        assertFalse(result.output().contains("stopped watching the rules file"), "closing at exit is not a failure: " + result.output());
    }
}
