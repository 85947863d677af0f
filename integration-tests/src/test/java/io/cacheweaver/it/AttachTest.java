package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.LiveApp;
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

    @Test
    void withoutArgumentsTheJarPrintsUsage() {
        ForkedJvm.Result result = cli();
        assertTrue(result.output().contains("usage: java -jar cacheweaver-agent.jar"), result.output());
        assertTrue(result.output().contains("attach PID [--rules RULES_FILE]"), result.output());
    }
}
