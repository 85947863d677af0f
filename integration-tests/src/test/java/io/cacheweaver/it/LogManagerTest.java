package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import fixture.app.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent never initializes {@code java.util.logging} before the application does
 * (docs/operations.md, "When they appear"): an application that picks its own LogManager later
 * (a main that sets {@code java.util.logging.manager}, JBoss LogManager) must still get it. The
 * agent's first cache used to do it, through Caffeine's {@code System.getLogger}.
 */
class LogManagerTest {
    @TempDir
    Path dir;

    @Test
    void cachingStartsWithoutInitializingJavaUtilLogging() throws Exception {
        Path rules = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: { ttl: 10m, local: { maxEntries: 100 } }
                rules:
                  - id: describe
                    method: fixture.app.Catalog#describe(long)
                    cache: items
                """);
        Path log = dir.resolve("class-load.log");
        ForkedJvm.Result result = ForkedJvm.run("rules=" + rules, List.of("-Xlog:class+load:file=" + log), Scenarios.class,
                "repeat").assertSuccess();

        assertEquals(2, result.intValue("calls.describe"), "woven and cached: " + result.output());
        List<String> loaded = Files.readAllLines(log);
        assertFalse(loaded.stream().anyMatch(line -> line.contains(" java.util.logging.LogManager ")),
                "java.util.logging.LogManager was loaded although the application never used it");
    }
}
