package io.cacheweaver.rules;

import static io.cacheweaver.rules.Yamls.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile input: tags must never instantiate anything, and bombs must fail fast. */
class SafeYamlTest {
    /** Would record its construction if SnakeYAML ever instantiated a tagged class. */
    public static final class Canary {
        static volatile boolean created;

        public Canary() {
            created = true;
        }
    }

    @Test
    void javaClassTagIsReportedAndNeverInstantiated() {
        Canary.created = false;
        List<String> lines = problems("version: 1\ncaches:\n  c: !!io.cacheweaver.rules.SafeYamlTest$Canary {}\n"
                + "rules: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]\n");
        assertEquals(List.of(
                "cache-rules.yaml:3:6: caches.c: YAML tags are not allowed (found \"!!io.cacheweaver.rules.SafeYamlTest$Canary\")",
                "cache-rules.yaml:4:8: rules: YAML tags are not allowed (found \"!!javax.script.ScriptEngineManager\")"), lines);
        assertTrue(!Canary.created);
    }

    @Test
    void tagOnScalarValue() {
        assertEquals(List.of("cache-rules.yaml:1:10: version: YAML tags are not allowed (found \"!env\")"),
                problems("version: !env 1\n"));
    }

    @Test
    void standardTagsAreHarmless() throws RulesException {
        assertEquals(1, Yamls.load("version: !!str 1\n").version());
    }

    @Test
    void billionLaughsIsRejectedQuickly() {
        StringBuilder yaml = new StringBuilder("version: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        List<String> lines = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> problems(yaml.toString()));
        // line 8: the 51st alias, the first one of a6
        assertEquals(List.of("cache-rules.yaml:8:10: invalid YAML: Number of aliases for non-scalar nodes exceeds the specified max=50"),
                lines);
    }

    @Test
    void deepNestingIsRejected() {
        String yaml = "version: 1\nx: " + "[".repeat(200) + "]".repeat(200) + "\n";
        List<String> lines = problems(yaml);
        assertEquals(List.of("cache-rules.yaml:2:53: invalid YAML: Nesting Depth exceeded max 50"), lines);
    }

    @Test
    void deepBlockNestingPointsAtTheLineWhereTheLimitIsHit() {
        StringBuilder yaml = new StringBuilder("version: 1\nx:\n");
        for (int depth = 1; depth <= 60; depth++) {
            yaml.append("  ".repeat(depth)).append("k").append(depth).append(":\n");
        }
        yaml.append("  ".repeat(61)).append("v\n");
        // the root mapping is level 1, x's value level 2: k49's value is the 51st mapping
        assertEquals(List.of("cache-rules.yaml:52:101: invalid YAML: Nesting Depth exceeded max 50"), problems(yaml.toString()));
    }

    @Test
    void hugeDocumentIsRejected() {
        String yaml = "version: 1\n# " + "x".repeat(YamlTree.MAX_CODE_POINTS + 10) + "\n";
        assertEquals(List.of("cache-rules.yaml:1:1: the rules file is too large (more than 1048576 characters)"),
                problems(yaml));
    }

    @Test
    void multipleDocumentsAreAnError() {
        List<String> lines = problems("version: 1\n---\nversion: 1\n");
        assertEquals(List.of("cache-rules.yaml:2:1: invalid YAML: but found another document"), lines);
    }

    @Test
    void rootMustBeAMapping() {
        assertEquals(List.of("cache-rules.yaml:1:1: the rules file must be a mapping with version: 1, caches: and rules:,"
                + " found a list"), problems("- a\n"));
    }

    @Test
    void mergeKeysAreExplained() {
        assertEquals(List.of("cache-rules.yaml:4:8: caches.b.<<: merge keys (<<) are not supported; repeat the settings or use defaults:"),
                problems("version: 1\ncaches:\n  a: &a { ttl: 5m }\n  b: { <<: *a }\n"));
    }

    @Test
    void aliasesOfScalarsStillWork() throws RulesException {
        RulesFile file = Yamls.load("version: 1\ncaches:\n  a: { ttl: &t 5m }\n  b: { ttl: *t }\n");
        assertEquals(Duration.ofMinutes(5), file.cache("b").ttl());
    }
}
