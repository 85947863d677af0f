package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.SlowCalls;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads slower than the threshold are logged, rate-limited, with rule id and duration and never the value. */
class SlowLoadTest {
    @TempDir
    Path dir;

    @Test
    void slowLoadsAreReportedOncePerRuleAndWithoutTheValue() {
        Path rules = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: {}
                rules:
                  - id: slow-rule
                    method: fixture.app.Catalog#slow
                    cache: items
                  - id: fast-rule
                    method: fixture.app.Catalog#describe
                    cache: items
                """);
        ForkedJvm.Result result = ForkedJvm.run("rules=" + rules, List.of("-Dcacheweaver.slowLoad=100ms"), SlowCalls.class)
                .assertSuccess();
        assertEquals(3, result.intValue("calls.slow"));
        List<String> slow = result.agentLines().stream().filter(line -> line.contains("slow load")).toList();
        assertEquals(1, slow.size(), "three slow loads, one line per rule per minute:\n" + result.output());
        assertTrue(slow.get(0).startsWith("[cacheweaver] WARN rule slow-rule: slow load, the method took "), slow.get(0));
        assertTrue(slow.get(0).contains("(threshold 100 ms"), slow.get(0));
        assertFalse(slow.get(0).contains("slow-1"), "never the value: " + slow.get(0));
        assertFalse(result.output().contains("rule fast-rule: slow load"), result.output());
    }
}
