package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.BatchStartup;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch rules that cannot apply to their method (rules-v1 §6): reported by {@code validate
 * --classpath} and by the agent when it weaves, at the offending key, naming the rule and what is
 * allowed; the methods then run uncached, with their own results.
 */
class BatchValidationTest {
    private static final String RULES = """
            version: 1
            caches:
              products: {}
            rules:
              - id: not-a-collection
                method: fixture.app.BatchCatalog#findById(long)
                cache: products
                each: id
              - id: void-result
                method: fixture.app.BatchCatalog#saveAll(java.util.List)
                cache: products
                each: products
                resultKey: "{it.id}"
              - id: map-with-result-key
                method: fixture.app.BatchCatalog#findMap(java.util.List)
                cache: products
                each: ids
                resultKey: "{it.id}"
              - id: unknown-property
                method: fixture.app.BatchCatalog#findByIds(java.util.Collection)
                cache: products
                each: ids
                resultKey: "{it.idd}"
              - id: no-result-key
                method: fixture.app.BatchCatalog#findSet(java.util.Set)
                cache: products
                each: ids
            """;

    @TempDir
    Path dir;

    private static List<String> expected(Path rules) {
        return List.of(
                "rule not-a-collection (" + rules + ":8:5): cannot apply to fixture.app.BatchCatalog#findById(long): each names"
                        + " parameter id of type long; each needs a parameter holding a Collection (List, Set, ...) or an array",
                "rule void-result (" + rules + ":12:5): cannot apply to fixture.app.BatchCatalog#saveAll(java.util.List): a batch"
                        + " cache rule needs a List, Set, Collection or Map (or ArrayList, LinkedList, HashSet, LinkedHashSet,"
                        + " HashMap, LinkedHashMap) result; fixture.app.BatchCatalog#saveAll(java.util.List) returns void",
                "rule map-with-result-key (" + rules + ":18:5): cannot apply to fixture.app.BatchCatalog#findMap(java.util.List):"
                        + " resultKey is not used with a Map result: the map's keys are the elements; remove it",
                "rule unknown-property (" + rules + ":23:5): cannot apply to fixture.app.BatchCatalog#findByIds(java.util.Collection):"
                        + " \"it.idd\": no property \"idd\"; available: id, name, price, toString() of fixture.app.Product",
                "rule no-result-key (" + rules + ":27:5): cannot apply to fixture.app.BatchCatalog#findSet(java.util.Set): a batch"
                        + " cache rule on a method returning java.util.Set needs resultKey: which element a returned value belongs"
                        + " to (e.g. resultKey: \"{it.id}\")");
    }

    @Test
    void validateWithTheClassPathReportsEveryBatchRuleThatCannotApply() {
        Path rules = RulesFiles.write(dir, RULES);
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ForkedJvm.agentJar().toString(), "validate", rules.toString(),
                "--classpath", Paths.get("target", "test-classes").toString()));
        ForkedJvm.Result result = ForkedJvm.exec(command);
        assertEquals(1, result.exitCode(), result.output());
        for (String line : expected(rules)) {
            assertTrue(result.output().contains("ERROR " + line), "missing: " + line + "\n" + result.output());
        }
        assertTrue(result.output().contains("5 error(s)"), result.output());
    }

    @Test
    void theAgentReportsThemWhenWeavingAndTheMethodsRunUncached() {
        Path rules = RulesFiles.write(dir, RULES);
        ForkedJvm.Result result = ForkedJvm.run("rules=" + rules, List.of(), BatchStartup.class).assertSuccess();
        for (String line : expected(rules)) {
            assertTrue(result.output().contains(line + "; the method runs uncached"), "missing: " + line + "\n" + result.output());
        }
        assertEquals("[2:p2-v1:2.0, 1:p1-v1:1.0]", result.value("list"), "the method's own result, in its own order");
        assertEquals("{5=5:p5-v1:5.0, 4=4:p4-v1:4.0}", result.value("map"));
    }
}
