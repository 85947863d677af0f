package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixture.app.LiveApp;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar cacheweaver-agent.jar stats <pid> [--json]} against a running JVM. */
class StatsCommandTest {
    @TempDir
    Path dir;

    static ForkedJvm.Result stats(String... args) {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ForkedJvm.agentJar().toString(), "stats"));
        command.addAll(List.of(args));
        return ForkedJvm.exec(command);
    }

    @Test
    void printsATablePerCacheAndRuleAndJsonForScripts() throws Exception {
        Path rules = RulesFiles.write(dir, JmxTest.RULES);
        try (LiveJvm app = LiveJvm.start("rules=" + rules, List.of("-Dcacheweaver.jmx.delay=100ms"), LiveApp.class)) {
            app.calls("describe", 1); // miss (describe 0 at startup: miss)
            app.calls("describe", 1); // hit
            app.calls("describe", 1); // hit
            app.calls("title", 3);    // miss
            String pid = String.valueOf(app.pid());

            String table = stats(pid).assertSuccess().output();
            List<String> lines = table.lines().toList();
            String cacheLine = lines.stream().filter(l -> l.startsWith("items ")).findFirst().orElseThrow(() -> new AssertionError(table));
            // CACHE GETS HIT% LOCAL-SIZE LOADS AVG-LOAD P99-LOAD P99-REDIS REDIS-ERRORS
            List<String> cells = List.of(cacheLine.trim().split("\\s{2,}"));
            assertEquals(List.of("items", "5", "40.0", "3", "3"), cells.subList(0, 5), table);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("CACHE ") && l.contains("HIT %") && l.contains("P99 LOAD")), table);
            String ruleLine = lines.stream().filter(l -> l.startsWith("describe ")).findFirst().orElseThrow(() -> new AssertionError(table));
            List<String> ruleCells = List.of(ruleLine.trim().split("\\s{2,}"));
            assertEquals(List.of("describe", "4", "50.0", "2"), ruleCells.subList(0, 4), table);
            assertTrue(ruleCells.get(5).matches("\\d+(\\.\\d+)? (us|ms|s)"), "p99 load time: " + ruleLine);

            ForkedJvm.Result json = stats("--json", pid).assertSuccess(); // options before or after the pid
            JsonNode root = new ObjectMapper().readTree(json.output().lines().filter(l -> l.startsWith("{")).findFirst()
                    .orElseThrow(() -> new AssertionError(json.output())));
            JsonNode items = root.get("caches").get(0);
            assertEquals("items", items.get("cache").asText());
            assertEquals(5, items.get("cacheGets").asLong());
            assertEquals(40.0, items.get("cacheHitPercentage").asDouble(), 1e-9);
            assertEquals(3, items.get("localSize").asLong());
            assertTrue(items.get("loadTimeP99").asDouble() > 0);
            JsonNode describe = null;
            for (JsonNode rule : root.get("rules")) {
                if (rule.get("rule").asText().equals("describe")) {
                    describe = rule;
                }
            }
            assertEquals(4, describe.get("invocations").asLong());
            assertEquals(50.0, describe.get("hitPercentage").asDouble(), 1e-9);
            assertEquals(0, describe.get("shadowHits").asLong());
        }
    }

    @Test
    void explainsAPidWithoutAJvm() {
        ForkedJvm.Result result = stats("999999999");
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("no Java process with pid 999999999"), result.output());
    }
}
