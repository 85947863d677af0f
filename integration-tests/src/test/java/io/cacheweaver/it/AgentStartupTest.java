package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.OwnLibraries;
import fixture.app.Scenarios;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the agent starts, and that it never stands in the application's way. */
class AgentStartupTest {
    private static final String VALID = """
            version: 1
            caches:
              items: { ttl: 10m }
            rules:
              - id: describe
                method: fixture.app.Catalog#describe(long)
                cache: items
            """;

    @TempDir
    Path dir;

    @Test
    void enabledFalseTransformsNothingAndSaysWhichSettingTurnedItOff() {
        Path rules = RulesFiles.write(dir, VALID);
        ForkedJvm.Result result = ForkedJvm.run("rules=" + rules + ",enabled=false", List.of(), Scenarios.class, "repeat")
                .assertSuccess();
        assertEquals(4, result.intValue("calls.describe"));
        assertEquals(List.of("[cacheweaver] disabled by the agent argument enabled=false: nothing is woven"), result.agentLines());

        ForkedJvm.Result byProperty = ForkedJvm.run("rules=" + rules, List.of("-Dcacheweaver.enabled=false"), Scenarios.class,
                "repeat").assertSuccess();
        assertEquals(List.of("[cacheweaver] disabled by the system property -Dcacheweaver.enabled=false: nothing is woven"),
                byProperty.agentLines());
    }

    @Test
    void anUnknownAgentArgumentIsOneLineNamingTheKnownKeysAndTheAppRunsCached() {
        Path rules = RulesFiles.write(dir, VALID);
        ForkedJvm.Result result = ForkedJvm.run("rules=" + rules + ",degub=true", List.of(), Scenarios.class, "repeat")
                .assertSuccess();
        assertEquals(2, result.intValue("calls.describe"), "the agent runs");
        List<String> errors = result.agentLines().stream().filter(line -> line.contains("ERROR")).toList();
        assertEquals(1, errors.size(), result.output());
        assertTrue(errors.get(0).startsWith("[cacheweaver] ERROR unknown agent argument 'degub' (in 'degub=true'); did you mean"
                + " debug? known keys: rules, enabled, strict, debug,"), errors.get(0));
    }

    @Test
    void aMalformedRulesArgumentSaysWhatWasMeant() {
        Path rules = RulesFiles.write(dir, VALID);
        ForkedJvm.Result noKey = ForkedJvm.run("=" + rules, List.of(), Scenarios.class, "repeat").assertSuccess();
        assertTrue(noKey.output().contains("[cacheweaver] ERROR agent argument '=" + rules + "' has no key; did you mean rules="
                + rules + "?"), noKey.output());
        ForkedJvm.Result misspelt = ForkedJvm.run("rule=" + rules, List.of(), Scenarios.class, "repeat").assertSuccess();
        assertTrue(misspelt.output().contains("[cacheweaver] ERROR unknown agent argument 'rule' (in 'rule=" + rules
                + "'); did you mean rules?"), misspelt.output());
        assertEquals(4, misspelt.intValue("calls.describe"), "no rules file: uncached");
    }

    @Test
    void enabledTakesTrueOrFalseOnlyAsBooleansInTheRulesFileDo() {
        Path rules = RulesFiles.write(dir, VALID);
        ForkedJvm.Result result = ForkedJvm.run("rules=" + rules + ",enabled=no", List.of(), Scenarios.class, "repeat")
                .assertSuccess();
        assertTrue(result.output().contains("[cacheweaver] ERROR agent argument enabled=no: not allowed, expected true or false;"
                + " using the default, true"), result.output());
        assertEquals(2, result.intValue("calls.describe"), "the default: on");
    }

    @Test
    void strictModeFailsStartupOnABadSettingWithExitCodeOne() {
        Path rules = RulesFiles.write(dir, VALID);
        ForkedJvm.Result result = ForkedJvm.run("rules=" + rules + ",degub=true,strict=true", List.of(), Scenarios.class, "repeat");
        assertStrictExit(result);
        assertTrue(result.output().contains("[cacheweaver] ERROR strict mode (agent argument strict=true): the agent settings have"
                + " 1 problem(s); stopping the JVM with exit code 1"), result.output());
    }

    @Test
    void strictModeFailsOnAWeaveTimeErrorWithExitCodeOne() {
        Path rules = RulesFiles.write(dir, VALID.replace("cache: items", "cache: items\n    key: \"{nope}\""));
        ForkedJvm.Result result = ForkedJvm.run("rules=" + rules, List.of("-Dcacheweaver.strict=true"), Scenarios.class, "repeat");
        assertStrictExit(result);
        assertTrue(result.output().contains("[cacheweaver] ERROR strict mode (system property -Dcacheweaver.strict=true): rule"
                + " describe (" + rules + ":8:5): cannot apply to fixture.app.Catalog#describe(long)"), result.output());
    }

    @Test
    void debugExplainsSettingsAndMatchingDecisions() {
        Path rules = RulesFiles.write(dir, VALID.replace("fixture.app.Catalog#describe(long)", "fixture.app.Catalog#describe(String)"));
        ForkedJvm.Result result = ForkedJvm.run("rules=" + rules + ",debug=true", List.of(), Scenarios.class, "repeat")
                .assertSuccess();
        String output = result.output();
        assertTrue(output.contains("[cacheweaver] DEBUG settings: rules=" + rules + " (agent argument rules=" + rules
                + "), debug=true (agent argument debug=true)"), output);
        assertTrue(output.contains("[cacheweaver] DEBUG rule describe: class fixture.app.Catalog matches"
                + " fixture.app.Catalog#describe(String)"), output);
        assertTrue(output.contains("[cacheweaver] DEBUG rule describe: skipped fixture.app.Catalog#describe(long): the parameters"
                + " do not match fixture.app.Catalog#describe(String)"), output);
        assertEquals(4, result.intValue("calls.describe"));
    }

    private static void assertStrictExit(ForkedJvm.Result result) {
        assertEquals(1, result.exitCode(), result.output());
        assertFalse(result.output().contains("FATAL ERROR"), result.output());
        assertFalse(result.output().contains("runs uncached until the file is fixed"), result.output());
    }

    @Test
    void agentArgumentsWinOverSystemPropertiesWhichWinOverTheEnvironment() {
        Path rules = RulesFiles.write(dir, VALID);
        ForkedJvm.Result argWins = ForkedJvm.run("rules=" + rules + ",enabled=true", List.of("-Dcacheweaver.enabled=false"),
                Scenarios.class, "repeat").assertSuccess();
        assertEquals(2, argWins.intValue("calls.describe"));

        ForkedJvm.Result propertyDisables = ForkedJvm.run("rules=" + rules, List.of("-Dcacheweaver.enabled=false"),
                Scenarios.class, "repeat").assertSuccess();
        assertEquals(4, propertyDisables.intValue("calls.describe"));

        ForkedJvm.Result rulesFromProperty = ForkedJvm.run("", List.of("-Dcacheweaver.rules=" + rules),
                Scenarios.class, "repeat").assertSuccess();
        assertEquals(2, rulesFromProperty.intValue("calls.describe"));
    }

    @Test
    void aBrokenRulesFileIsReportedWithLineAndColumnAndTheAppRunsUncached() {
        Path rules = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: { ttl: 10 minutes }
                rules:
                  - id: describe
                    method: fixture.app.Catalog#describe(long)
                    cache: items
                    tll: 5m
                """);
        ForkedJvm.Result result = ForkedJvm.withAgent(rules, Scenarios.class, "repeat").assertSuccess();
        assertEquals(4, result.intValue("calls.describe"), "uncached, but running");
        String output = result.output();
        assertTrue(output.contains(rules + ":3:17: caches.items.ttl: invalid duration \"10 minutes\""), output);
        assertTrue(output.contains(rules + ":8:5: rules[0].tll: unknown key \"tll\"; allowed: id, method, cache, action"), output);
        assertTrue(output.contains("the application runs uncached"), output);
    }

    @Test
    void aMissingRulesFileIsReportedAndTheAppRunsUncached() {
        ForkedJvm.Result result = ForkedJvm.withAgent(dir.resolve("nope.yaml"), Scenarios.class, "repeat").assertSuccess();
        assertEquals(4, result.intValue("calls.describe"));
        assertTrue(result.output().contains("nope.yaml"), result.output());
    }

    @Test
    void strictModeStopsStartupOnABrokenRulesFile() {
        Path rules = RulesFiles.write(dir, VALID.replace("ttl: 10m", "ttl: 0s"));
        ForkedJvm.Result result = ForkedJvm.run("rules=" + rules, List.of("-Dcacheweaver.strict=true"), Scenarios.class, "repeat");
        assertStrictExit(result); // not FATAL ERROR in native method, exit code 134
        assertFalse(result.output().contains("calls.describe="), "the application must not have run");
        assertTrue(result.output().contains(rules + ":3:17: caches.items.ttl:"), result.output());
        assertTrue(result.output().contains("[cacheweaver] ERROR strict mode (system property -Dcacheweaver.strict=true): the rules"
                + " file " + rules + " has 1 problem(s); stopping the JVM with exit code 1"), result.output());
    }

    @Test
    void anApplicationWithItsOwnVersionsOfTheAgentsLibrariesKeepsThem() {
        Path rules = RulesFiles.write(dir, VALID);
        ForkedJvm.Result result = ForkedJvm.withAgent(rules, OwnLibraries.class).assertSuccess();
        assertEquals("2.17.2", result.value("jackson"));
        assertEquals("{\"a\":1}", result.value("json"));
        assertEquals("caffeine-2.9.3.jar:v", result.value("caffeine"));
        assertEquals("snakeyaml-1.33.jar:1", result.value("snakeyaml"));
        assertEquals("byte-buddy-1.14.18.jar:generated", result.value("bytebuddy"));
        assertEquals(1, result.intValue("calls.describe"), "and the caching works beside them");
        assertEquals("null", result.value("nexusProperty"), "the agent's Byte Buddy settings do not leak into the app");
    }

    @Test
    void aWildcardRuleLogsAtMostTenWovenMethodsThenPointsToJmx() {
        Path rules = RulesFiles.write(dir, VALID.replace("fixture.app.Catalog#describe(long)", "fixture.app.Catalog#*"));
        ForkedJvm.Result result = ForkedJvm.withAgent(rules, Scenarios.class, "repeat").assertSuccess();
        long woven = result.agentLines().stream().filter(line -> line.startsWith("[cacheweaver] rule describe: caches in")).count();
        assertEquals(10, woven, result.output());
        assertTrue(result.output().contains("[cacheweaver] rule describe: more methods woven; all of them are listed in JMX,"
                + " io.cacheweaver:type=Rule,name=describe WovenMethods"), result.output());
        assertEquals(2, result.intValue("calls.describe"), "and every method is still woven");
    }

    @Test
    void theAgentCausesNoJvmWarnings() {
        // the fixture itself never triggers one, so any WARNING line comes from the agent; on JDK 24+
        // this covers the sun.misc.Unsafe deprecation warning Byte Buddy's Nexus would cause
        // a plain application's class path: only its own classes (the test class path holds another
        // Byte Buddy, whose presence changes how ours initializes and would hide the warning)
        Path rules = RulesFiles.write(dir, VALID);
        ForkedJvm.Result result = ForkedJvm.exec(List.of(
                java.nio.file.Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + ForkedJvm.agentJar() + "=rules=" + rules,
                "-cp", java.nio.file.Paths.get("target", "test-classes").toString(),
                Scenarios.class.getName(), "repeat")).assertSuccess();
        assertEquals(List.of(), result.output().lines().filter(line -> line.startsWith("WARNING")).toList(), result.output());
        assertEquals(2, result.intValue("calls.describe"));
    }
}
