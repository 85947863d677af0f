package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar cacheweaver-agent.jar validate ...}: exit codes and what it prints. */
class ValidateCommandTest {
    @TempDir
    Path dir;

    private static ForkedJvm.Result validate(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ForkedJvm.agentJar().toString(), "validate"));
        command.addAll(List.of(args));
        return ForkedJvm.exec(command);
    }

    @Test
    void aValidFileExitsZero() {
        Path rules = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: {}
                rules:
                  - id: describe
                    method: fixture.app.Catalog#describe(long)
                    cache: items
                """);
        ForkedJvm.Result result = validate(rules.toString());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains(rules + ": valid (1 rules, 1 caches)"), result.output());
    }

    @Test
    void anInvalidFileExitsOneWithEveryProblem() {
        Path rules = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: { ttl: soon }
                rules:
                  - id: describe
                    method: fixture.app.Catalog#describe(long)
                    cache: itemz
                """);
        ForkedJvm.Result result = validate(rules.toString());
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains(rules + ":3:17: caches.items.ttl: invalid duration \"soon\""), result.output());
        assertTrue(result.output().contains(rules + ":7:12: rules[0].cache: undeclared cache \"itemz\"; declared: items"),
                result.output());
        assertTrue(result.output().contains(": 2 problem(s)"), result.output());
    }

    @Test
    void withAClassPathItListsMatchesWarnsAboutRulesMatchingNothingAndChecksExpressions() {
        Path rules = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: {}
                rules:
                  - id: repos
                    method: fixture.app.Repository+#load
                    cache: items
                    key: "{id}"
                  - id: ghost
                    method: fixture.app.Nowhere#find
                    cache: items
                  - id: typo
                    method: fixture.app.Catalog#search(String, int)
                    cache: items
                    key: "{txt}:{page}"
                  - id: property-typo
                    method: fixture.app.Catalog#byCustomer
                    cache: items
                    key: "c:{customer.idd}"
                """);
        ForkedJvm.Result result = validate(rules.toString(), "--classpath", Paths.get("target", "test-classes").toString());
        String out = result.output();
        assertEquals(1, result.exitCode(), out);
        assertTrue(out.contains("rule repos: 2 method(s)"), out);
        assertTrue(out.contains("  fixture.app.OrderRepository#load(long)"), out);
        assertTrue(out.contains("  fixture.app.UserRepository#load(long)"), out);
        assertTrue(out.contains("WARN rule ghost (" + rules + ":9:5): fixture.app.Nowhere#find matches no method on the class path"),
                out);
        assertTrue(out.contains("ERROR rule typo (" + rules + ":12:5): cannot apply to fixture.app.Catalog#search(java.lang.String, int):"
                + " \"txt\": no parameter named \"txt\"; available: text or 0, page or 1"), out);
        assertTrue(out.contains("ERROR rule property-typo (" + rules + ":16:5): cannot apply to"
                + " fixture.app.Catalog#byCustomer(fixture.app.Customer): \"customer.idd\": no property \"idd\";"
                + " available: id, name, tier, vip of fixture.app.Customer"), out);
    }
}
