package io.cacheweaver.it;

import static io.cacheweaver.it.JmxTest.attr;
import static io.cacheweaver.it.JmxTest.invoke;
import static io.cacheweaver.it.JmxTest.registered;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.LiveApp;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.MBeanServerConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules change under a running application: the file watcher and JMX reloadRules() add a rule,
 * change a TTL and remove a rule; an invalid edit keeps the old rules caching and sets LastError.
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

    private static String rules(String... rules) {
        return "version: 1\ncaches:\n  items: { ttl: 10m }\nrules:\n" + String.join("", rules);
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
}
