package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.Scenarios;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the rules file alone says is wrong is reported by the agent at startup exactly as
 * {@code validate} reports it without a class path: a position beyond the selector's parameters,
 * a selector name that is not a Java identifier.
 */
class RuleChecksAtStartupTest {
    @TempDir
    Path dir;

    @Test
    void aPositionBeyondTheSelectorAndANonIdentifierNameAreReportedAtStartup() {
        Path rules = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: {}
                rules:
                  - id: describe
                    method: fixture.app.Catalog#describe(long)
                    cache: items
                    key: "d:{args[1]}"
                  - id: typo
                    method: fixture.app.Catalog#describe-item(long)
                    cache: items
                """);
        ForkedJvm.Result result = ForkedJvm.withAgent(rules, Scenarios.class, "repeat").assertSuccess();
        assertEquals(4, result.intValue("calls.describe"), "uncached, but running");
        String output = result.output();
        assertTrue(output.contains(rules + ":8:14: rules[0].key: invalid template \"d:{args[1]}\" at offset 3:"
                + " no parameter at position 1; the method selector declares 1 parameter (long), positions: 0"), output);
        assertTrue(output.contains(rules + ":10:33: rules[1].method: invalid method selector"
                + " \"fixture.app.Catalog#describe-item(long)\": invalid method name \"describe-item\";"
                + " a method name must be a Java identifier"), output);
    }
}
