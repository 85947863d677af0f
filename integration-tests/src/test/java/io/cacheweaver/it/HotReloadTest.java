package io.cacheweaver.it;

import static io.cacheweaver.it.JmxTest.attr;
import static io.cacheweaver.it.JmxTest.invoke;
import static io.cacheweaver.it.JmxTest.registered;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.agent.EditWhenLoaded;
import fixture.app.LiveApp;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.management.MBeanServerConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules change under a running application: the file watcher and JMX reloadRules() add a rule,
 * change a TTL and remove a rule; an invalid edit keeps the old rules caching and sets LastError.
 * Any sequence of edits, however quick, ends with exactly the last valid file in force.
 */
class HotReloadTest {
    private static final String AGENT = "io.cacheweaver:type=Agent";
    private static final String DESCRIBE = """
              - id: describe
                method: fixture.app.Catalog#describe(long)
                cache: items
                key: "{id}"
            """;
    private static final String TITLE = """
              - id: title
                method: fixture.app.Catalog#title
                cache: items
            """;

    @TempDir
    Path dir;

    private static final String WEIGHT = """
              - id: weight
                method: fixture.app.Catalog#weight
                cache: items
            """;
    private static final long CONVERGE_SECONDS = 10;

    /** Fresh ids, so that a probe never meets an entry an earlier probe left. */
    private final AtomicLong ids = new AtomicLong(1000);

    private static String rules(String... rules) {
        return "version: 1\ncaches:\n  items: { ttl: 10m }\nrules:" + (rules.length == 0 ? " []\n" : "\n" + String.join("", rules));
    }

    private static String renamed(String rule, String from, String to) {
        return rule.replace("- id: " + from + "\n", "- id: " + to + "\n");
    }

    /** Two calls with one fresh id: cached when the second did not run the body. */
    private boolean caches(LiveJvm app, String method) {
        long id = ids.incrementAndGet();
        int first = app.calls(method, id);
        return app.calls(method, id) == first;
    }

    /** Polls the application's behaviour (not a log line) until {@code method} is, or is not, cached. */
    private void awaitCaching(LiveJvm app, String method, boolean cached, String why) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CONVERGE_SECONDS);
        while (caches(app, method) != cached) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(method + " should " + (cached ? "" : "not ") + "be cached within " + CONVERGE_SECONDS
                        + " s " + why + "; output:\n" + app.output());
            }
        }
    }

    @Test
    void addChangeRemoveAndAnInvalidEditWhileTheApplicationRuns() throws Exception {
        Path file = dir.resolve("cache-rules.yaml");
        Files.writeString(file, rules(DESCRIBE));
        try (LiveJvm app = LiveJvm.start("rules=" + file, LiveApp.class)) {
            assertEquals(2, app.calls("describe", 1));
            assertEquals(2, app.calls("describe", 1), "cached");
            assertEquals(1, app.calls("title", 3));
            assertEquals(2, app.calls("title", 3), "no rule for title yet");
            MBeanServerConnection jmx = app.jmx();
            app.await("the Agent MBean", () -> registered(jmx, AGENT));
            String loadedAt = (String) attr(jmx, AGENT, "RulesLoadedAt");

            // 1. the watcher picks up an added rule: its class is retransformed, the other rule keeps its entries
            Files.writeString(file, rules(DESCRIBE, TITLE));
            // RulesLoadedAt changes once the reload, retransformation included, has completed
            app.await("the reload adding rule title", () -> !loadedAt.equals(attr(jmx, AGENT, "RulesLoadedAt")));
            assertEquals(2, attr(jmx, AGENT, "RuleCount"));
            assertEquals(3, app.calls("title", 3));
            assertEquals(3, app.calls("title", 3), "now cached");
            assertEquals(2, app.calls("describe", 1), "describe's entry survived; its advice is not doubled");
            assertTrue(registered(jmx, "io.cacheweaver:type=Rule,name=title"));
            assertArrayEquals(new String[] {"fixture.app.Catalog#title(long)"},
                    (String[]) attr(jmx, "io.cacheweaver:type=Rule,name=title", "WovenMethods"));
            assertEquals(2L, attr(jmx, "io.cacheweaver:type=Rule,name=describe", "CacheMisses"), "describe(0), describe(1): one miss each, not two");
            // the lean weaver wove describe at startup; Byte Buddy took over to retransform for title
            assertTrue(app.output().contains("[cacheweaver] Byte Buddy weaves from now on (a reload changes which methods are woven)"),
                    app.output());

            // 2. a changed TTL applies without retransforming, through JMX reloadRules()
            Files.writeString(file, rules(DESCRIBE.replace("key: \"{id}\"", "key: \"{id}\"\n    ttl: 200ms"), TITLE));
            String outcome = (String) invoke(jmx, AGENT, "reloadRules");
            assertTrue(outcome.contains("no retransformation needed"), outcome);
            assertEquals(3, app.calls("describe", 5));
            assertEquals(3, app.calls("describe", 5), "cached under the new TTL");
            Thread.sleep(400); // waiting out the new 200 ms TTL is the behaviour under test
            assertEquals(4, app.calls("describe", 5), "expired after the new, shorter TTL");

            // 3. a removed rule stops caching and its MBean goes away
            String beforeRemoval = (String) attr(jmx, AGENT, "RulesLoadedAt");
            Files.writeString(file, rules(DESCRIBE));
            app.await("the reload removing rule title", () -> !beforeRemoval.equals(attr(jmx, AGENT, "RulesLoadedAt")));
            assertEquals(1, attr(jmx, AGENT, "RuleCount"));
            assertEquals(4, app.calls("title", 3));
            assertEquals(5, app.calls("title", 3), "no longer cached");
            assertFalse(registered(jmx, "io.cacheweaver:type=Rule,name=title"));
            assertEquals(1, attr(jmx, AGENT, "WovenMethodCount"));

            // 4. an invalid edit is reported and the old rules keep caching
            Files.writeString(file, rules(DESCRIBE).replace("ttl: 10m", "ttl: 10 minutes"));
            app.await("LastError after the invalid edit", () -> !"".equals(attr(jmx, AGENT, "LastError")));
            String error = (String) attr(jmx, AGENT, "LastError");
            assertTrue(error.contains("caches.items.ttl: invalid duration \"10 minutes\""), error);
            assertEquals(1, attr(jmx, AGENT, "RuleCount"));
            int before = app.calls("describe", 7);
            assertEquals(before, app.calls("describe", 7), "the old rules still cache");
            assertTrue(app.output().contains("[cacheweaver] ERROR reload (file changed) rejected"), app.output());
            assertTrue(app.output().contains("caches.items.ttl: invalid duration"), app.output());
        }
    }

    @Test
    void aRulesFileInvalidAtStartupIsAppliedOnceFixed() throws Exception {
        Path file = dir.resolve("cache-rules.yaml");
        Files.writeString(file, rules(DESCRIBE.replace("cache: items", "cache: itemz")));
        try (LiveJvm app = LiveJvm.start("rules=" + file, LiveApp.class)) {
            assertEquals(2, app.calls("describe", 1)); // LiveApp's own first call, then ours
            assertEquals(3, app.calls("describe", 1), "uncached: the file is invalid");
            MBeanServerConnection jmx = app.jmx();
            app.await("the Agent MBean", () -> registered(jmx, AGENT));
            assertTrue(((String) attr(jmx, AGENT, "LastError")).contains("undeclared cache \"itemz\""));

            Files.writeString(file, rules(DESCRIBE));
            // LastError clears once the reload, retransformation included, has completed
            app.await("the fixed file to be applied", () -> "".equals(attr(jmx, AGENT, "LastError")));
            assertEquals(1, attr(jmx, AGENT, "RuleCount"));
            assertEquals(4, app.calls("describe", 1));
            assertEquals(4, app.calls("describe", 1), "cached once the file was fixed, without a restart");
        }
    }

    @Test
    void everySequenceOfEditsEndsWithTheLastFileInForce() throws Exception {
        Path file = dir.resolve("cache-rules.yaml");
        Files.writeString(file, rules());
        try (LiveJvm app = LiveJvm.start("rules=" + file, LiveApp.class)) {
            assertFalse(caches(app, "describe"), "no rules yet");
            MBeanServerConnection jmx = app.jmx();
            app.await("the Agent MBean", () -> registered(jmx, AGENT));

            Files.writeString(file, rules(DESCRIBE));
            awaitRules(app, jmx, "describe");
            awaitCaching(app, "describe", true, "after adding rule describe");

            // issue 11: a renamed rule re-weaves the method under the new id, and its counters move
            Files.writeString(file, rules(renamed(DESCRIBE, "describe", "described")));
            awaitRules(app, jmx, "described");
            awaitCaching(app, "describe", true, "after renaming describe to described");
            String described = "io.cacheweaver:type=Rule,name=described";
            long hits = (Long) attr(jmx, described, "CacheHits");
            assertTrue(caches(app, "describe"));
            assertEquals(hits + 1, (Long) attr(jmx, described, "CacheHits"), "the renamed rule serves the calls");

            Files.writeString(file, rules());
            awaitRules(app, jmx);
            awaitCaching(app, "describe", false, "after removing every rule");
            Files.writeString(file, rules(DESCRIBE));
            awaitRules(app, jmx, "describe");
            awaitCaching(app, "describe", true, "after adding describe back");

            // issue 10 (a): a second retransformation of the same class adds a rule on another method
            Files.writeString(file, rules(DESCRIBE, TITLE));
            awaitRules(app, jmx, "describe", "title");
            awaitCaching(app, "title", true, "after adding title next to describe");
            awaitCaching(app, "describe", true, "with title added next to it");

            // five quick saves in a row: only the last one counts
            List<String> saves = List.of(rules(TITLE), rules(renamed(DESCRIBE, "describe", "d3")), rules(),
                    rules(DESCRIBE, TITLE), rules(renamed(TITLE, "title", "t2")));
            for (String save : saves) {
                Files.writeString(file, save);
            }
            awaitRules(app, jmx, "t2");
            awaitCaching(app, "title", true, "after the last of five quick saves");
            awaitCaching(app, "describe", false, "after the last of five quick saves");
            assertArrayEquals(new String[] {"fixture.app.Catalog#title(long)"},
                    (String[]) attr(jmx, "io.cacheweaver:type=Rule,name=t2", "WovenMethods"));
            assertTrue(caches(app, "title"));
            assertFalse(caches(app, "describe"));
        }
    }

    /** Waits until JMX shows exactly these rules: the reload that brings them has completed. */
    private static void awaitRules(LiveJvm app, MBeanServerConnection jmx, String... ids) {
        app.await("rules " + List.of(ids) + " in JMX", () -> {
            if (!Integer.valueOf(ids.length).equals(attr(jmx, AGENT, "RuleCount"))) {
                return false;
            }
            for (String id : ids) {
                if (!registered(jmx, "io.cacheweaver:type=Rule,name=" + id)) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void aSecondEditAddingARuleToAnAlreadyReWovenClassWeavesIt() throws Exception {
        Path file = dir.resolve("cache-rules.yaml");
        Files.writeString(file, rules(DESCRIBE));
        try (LiveJvm app = LiveJvm.start("rules=" + file, LiveApp.class)) {
            MBeanServerConnection jmx = app.jmx();
            app.await("the Agent MBean", () -> registered(jmx, AGENT));
            Files.writeString(file, rules(DESCRIBE, TITLE)); // the first reload re-weaves Catalog
            awaitRules(app, jmx, "describe", "title");
            awaitCaching(app, "title", true, "after the first edit");

            Files.writeString(file, rules(DESCRIBE, TITLE, WEIGHT)); // the second re-weaves it again
            awaitRules(app, jmx, "describe", "title", "weight");
            awaitCaching(app, "weight", true, "after the second edit");
            assertTrue(caches(app, "title"));
            assertTrue(caches(app, "describe"));
            assertArrayEquals(new String[] {"fixture.app.Catalog#weight(long)"},
                    (String[]) attr(jmx, "io.cacheweaver:type=Rule,name=weight", "WovenMethods"));
            assertTrue(app.output().contains("rule weight: caches in \"items\" on fixture.app.Catalog#weight(long)"), app.output());
        }
    }

    @Test
    void reloadRulesOverJmxReturnsOnceTheFileIsInForceWhileTheWatcherAppliesItToo() throws Exception {
        Path file = dir.resolve("cache-rules.yaml");
        Files.writeString(file, rules(DESCRIBE));
        try (LiveJvm app = LiveJvm.start("rules=" + file, LiveApp.class)) {
            MBeanServerConnection jmx = app.jmx();
            app.await("the Agent MBean", () -> registered(jmx, AGENT));
            for (int edit = 0; edit < 6; edit++) {
                // each edit retargets (a new rule id on title, or none): the watcher sees it too
                boolean withTitle = edit % 2 == 0;
                Files.writeString(file, withTitle ? rules(DESCRIBE, renamed(TITLE, "title", "title" + edit)) : rules(DESCRIBE));
                String outcome = (String) invoke(jmx, AGENT, "reloadRules");
                assertTrue(outcome.startsWith("rules reloaded") || outcome.startsWith("rules unchanged"), outcome);
                assertEquals(withTitle, caches(app, "title"), "edit " + edit + ", right after reloadRules() returned: " + outcome);
                assertTrue(caches(app, "describe"), "edit " + edit);
            }
        }
    }

    @Test
    void anEditDuringStartupBeforeTheWatcherIsListeningIsApplied() throws Exception {
        Path file = dir.resolve("cache-rules.yaml");
        Path edited = dir.resolve("edited.yaml");
        Files.writeString(file, rules());
        Files.writeString(edited, rules(DESCRIBE));
        // the edit lands after the agent read the file and before its watcher registers
        String edit = "-javaagent:" + editorAgent() + "=io/cacheweaver/agent/RulesWatcher|" + file + "|" + edited;
        try (LiveJvm app = LiveJvm.start("rules=" + file, List.of(edit), LiveApp.class)) {
            // the watcher starts on the agent's weaver thread, after premain: the edit may follow "ready"
            awaitCaching(app, "describe", true, "after an edit made while the agent started");
            assertTrue(app.output().contains("edited " + file), app.output());
        }
    }

    @Test
    void aConfigMapStyleUpdateThatSwapsASymlinkIsApplied() throws Exception {
        // Kubernetes mounts a config map as cache-rules.yaml -> ..data/cache-rules.yaml, ..data -> ..v1,
        // and updates it by swapping ..data: no event in the directory names cache-rules.yaml
        Path v1 = Files.createDirectory(dir.resolve("..v1"));
        Files.writeString(v1.resolve("cache-rules.yaml"), rules());
        Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
        Path file = Files.createSymbolicLink(dir.resolve("cache-rules.yaml"), Path.of("..data", "cache-rules.yaml"));
        try (LiveJvm app = LiveJvm.start("rules=" + file, LiveApp.class)) {
            assertFalse(caches(app, "describe"), "no rules yet");
            Path v2 = Files.createDirectory(dir.resolve("..v2"));
            Files.writeString(v2.resolve("cache-rules.yaml"), rules(DESCRIBE));
            Path swap = Files.createSymbolicLink(dir.resolve("..data_tmp"), v2.getFileName());
            Files.move(swap, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            awaitCaching(app, "describe", true, "after the config map's update");
        }
    }

    /** A jar that only names {@link EditWhenLoaded} as its premain class; the class itself is on the class path. */
    private Path editorAgent() throws IOException {
        Path jar = dir.resolve("editor-agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), EditWhenLoaded.class.getName());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
