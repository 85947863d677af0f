package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.LiveApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar cacheweaver-agent.jar attach <pid> --rules FILE} into a JVM that already loaded and ran its classes. */
class AttachTest {
    @TempDir
    Path dir;

    private static ForkedJvm.Result cli(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", ForkedJvm.agentJar().toString()));
        command.addAll(List.of(args));
        return ForkedJvm.exec(command);
    }

    @Test
    void attachWeavesLoadedClassesAndASecondAttachReloadsInsteadOfInstallingTwice() throws Exception {
        Path first = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: {}
                rules:
                  - id: describe
                    method: fixture.app.Catalog#describe(long)
                    cache: items
                """);
        Path second = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: {}
                rules:
                  - id: describe
                    method: fixture.app.Catalog#describe(long)
                    cache: items
                  - id: title
                    method: fixture.app.Catalog#title
                    cache: items
                """);
        try (LiveJvm app = LiveJvm.start(null, LiveApp.class)) {
            assertEquals(2, app.calls("describe", 1));
            assertEquals(3, app.calls("describe", 1), "no agent yet");

            ForkedJvm.Result attach = cli("attach", String.valueOf(app.pid()), "--rules", first.toString()).assertSuccess();
            assertTrue(attach.output().contains("attached to " + app.pid()), attach.output());
            assertEquals(4, app.calls("describe", 1), "first call after attach loads");
            assertEquals(4, app.calls("describe", 1), "Catalog was loaded before the attach and is cached now");

            cli("attach", String.valueOf(app.pid()), "--rules", second.toString()).assertSuccess();
            assertEquals(1, app.calls("title", 3));
            assertEquals(1, app.calls("title", 3), "the second attach reloaded the rules");
            assertEquals(4, app.calls("describe", 1), "still cached, and woven once");
            assertTrue(app.output().contains("reloading rules instead of installing it twice"), app.output());
            assertEquals(1, app.output().split("cacheweaver 0\\.1\\.0:", -1).length - 1, "started once:\n" + app.output());
        }
    }

    private static final String DESCRIBE = """
            version: 1
            caches:
              items: {}
            rules:
              - id: describe
                method: fixture.app.Catalog#describe(long)
                cache: items
            """;

    @Test
    void aRejectedFileIsReportedWithExitCodeOneAndLeavesTheRulesAndTheWatchedFileInForce() throws Exception {
        Path good = RulesFiles.write(dir, DESCRIBE);
        Path bad = RulesFiles.write(dir, DESCRIBE.replace("items: {}", "items: { ttl: 0s }"));
        try (LiveJvm app = LiveJvm.start(null, LiveApp.class)) {
            ForkedJvm.Result attached = cli("attach", String.valueOf(app.pid()), "--rules", good.toString()).assertSuccess();
            assertTrue(attached.output().contains("cacheweaver 0.1.0: 1 rules from " + good), attached.output());
            assertEquals(2, app.calls("describe", 1), "the app called describe(0) at startup");
            assertEquals(2, app.calls("describe", 1));

            ForkedJvm.Result rejected = cli("attach", String.valueOf(app.pid()), "--rules", bad.toString());
            assertEquals(1, rejected.exitCode(), rejected.output());
            assertTrue(rejected.output().contains("attached to " + app.pid() + ", but the target reports problems:"), rejected.output());
            assertTrue(rejected.output().contains(bad + ":3:17: caches.items.ttl: must be greater than zero"), rejected.output());
            assertTrue(rejected.output().contains("still watching " + good), rejected.output());
            assertEquals(2, app.calls("describe", 1), "the previous rules stay in force");

            Files.writeString(good, DESCRIBE + """
                      - id: title
                        method: fixture.app.Catalog#title
                        cache: items
                    """);
            app.await("the edit of the still watched file to be applied",
                    () -> app.output().contains("rules reloaded (file changed) from " + good));
            assertEquals(1, app.calls("title", 3));
            assertEquals(1, app.calls("title", 3), "the watched file is still the previous one");
        }
    }

    @Test
    void aFirstAttachWithABadFileReportsItsProblems() throws Exception {
        Path bad = RulesFiles.write(dir, DESCRIBE.replace("items: {}", "items: { ttl: 0s }"));
        try (LiveJvm app = LiveJvm.start(null, LiveApp.class)) {
            ForkedJvm.Result rejected = cli("attach", String.valueOf(app.pid()), "--rules", bad.toString());
            assertEquals(1, rejected.exitCode(), rejected.output());
            assertTrue(rejected.output().contains(bad + ":3:17: caches.items.ttl: must be greater than zero"), rejected.output());
            assertTrue(rejected.output().contains("the agent runs with no rules and watches " + bad), rejected.output());
            assertEquals(2, app.calls("describe", 1));
            assertEquals(3, app.calls("describe", 1), "uncached");
        }
    }

    @Test
    void debugExplainsWhatAReloadChanges() throws Exception {
        Path first = RulesFiles.write(dir, DESCRIBE);
        Path second = RulesFiles.write(dir, DESCRIBE + """
                  - id: title
                    method: fixture.app.Catalog#title
                    cache: items
                """);
        try (LiveJvm app = LiveJvm.start("rules=" + first + ",debug=true", LiveApp.class)) {
            cli("attach", String.valueOf(app.pid()), "--rules", second.toString()).assertSuccess();
            // the child's output arrives through a pipe: wait for it rather than for a guessed time
            app.await("the reload's debug line", () -> app.output().contains("[cacheweaver] DEBUG reload (attach): targets added:"
                    + " title (fixture.app.Catalog#title); targets removed: none; rules kept on their targets (updated in place):"
                    + " describe (fixture.app.Catalog#describe(long))"));
            app.await("the weave's debug line", () -> app.output().contains(
                    "[cacheweaver] DEBUG rule title: weaving fixture.app.Catalog#title(long) as site"));
        }
    }

    @Test
    void attachingToAJvmWhereTheAgentIsDisabledSaysSoAndFails() throws Exception {
        Path rules = RulesFiles.write(dir, DESCRIBE);
        try (LiveJvm app = LiveJvm.start(null, List.of("-Dcacheweaver.enabled=false"), LiveApp.class)) {
            ForkedJvm.Result result = cli("attach", String.valueOf(app.pid()), "--rules", rules.toString());
            assertEquals(1, result.exitCode(), result.output());
            assertTrue(result.output().contains("the agent is disabled in the target by the system property"
                    + " -Dcacheweaver.enabled=false"), result.output());
        }
    }

    @Test
    void attachingToAPidWithoutAProcessSaysSo() {
        long pid = 999_999;
        while (ProcessHandle.of(pid).isPresent()) {
            pid++;
        }
        ForkedJvm.Result result = cli("attach", String.valueOf(pid));
        assertEquals(1, result.exitCode());
        assertEquals("no Java process with pid " + pid + " (jps lists the Java processes you can attach to)", result.output().strip());
    }

    @Test
    void withoutArgumentsTheJarPrintsUsage() {
        ForkedJvm.Result result = cli();
        assertTrue(result.output().contains("usage: java -jar cacheweaver-agent.jar"), result.output());
        assertTrue(result.output().contains("attach PID [--rules RULES_FILE]"), result.output());
    }
}
