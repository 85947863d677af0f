package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.LiveApp;
import java.nio.file.Path;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MBeans of docs/operations.md, read from another JVM over a real JMX connection after a known call sequence. */
class JmxTest {
    @TempDir
    Path dir;

    static final String RULES = """
            version: 1
            caches:
              items: { ttl: 10m }
            rules:
              - id: describe
                method: fixture.app.Catalog#describe(long)
                cache: items
                key: "{id}"
              - id: title
                method: fixture.app.Catalog#title
                cache: items
                key: "title:{id}"
            """;

    static Object attr(MBeanServerConnection jmx, String name, String attribute) {
        try {
            return jmx.getAttribute(new ObjectName(name), attribute);
        } catch (Exception e) {
            throw new AssertionError(name + " " + attribute + ": " + e, e);
        }
    }

    static Object invoke(MBeanServerConnection jmx, String name, String operation, Object... args) {
        try {
            String[] signature = new String[args.length];
            java.util.Arrays.fill(signature, String.class.getName());
            return jmx.invoke(new ObjectName(name), operation, args, signature);
        } catch (Exception e) {
            throw new AssertionError(name + " " + operation + ": " + e, e);
        }
    }

    static boolean registered(MBeanServerConnection jmx, String name) {
        try {
            return jmx.isRegistered(new ObjectName(name));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void cacheRuleAndAgentMBeansCountExactlyAndInvalidateWorks() throws Exception {
        Path rules = RulesFiles.write(dir, RULES);
        try (LiveJvm app = LiveJvm.start("rules=" + rules, LiveApp.class)) {
            // startup call describe(0): 1 miss
            app.calls("describe", 1); // miss
            app.calls("describe", 1); // hit
            app.calls("describe", 2); // miss
            app.calls("describe", 1); // hit
            app.calls("title", 3);    // miss
            assertEquals(1, app.calls("title", 3)); // hit

            MBeanServerConnection jmx = app.jmx();
            String cache = "io.cacheweaver:type=Cache,name=items";
            String rule = "io.cacheweaver:type=Rule,name=describe";
            String agent = "io.cacheweaver:type=Agent";
            app.await("the agent's MBeans", () -> registered(jmx, agent) && registered(jmx, cache));

            assertEquals(7L, attr(jmx, cache, "CacheGets"));
            assertEquals(3L, attr(jmx, cache, "CacheHits"));
            assertEquals(4L, attr(jmx, cache, "CacheMisses"));
            assertEquals(100.0 * 3 / 7, (Double) attr(jmx, cache, "CacheHitPercentage"), 1e-9);
            assertEquals(3L, attr(jmx, cache, "LocalHits"));
            assertEquals(0L, attr(jmx, cache, "RemoteHits"));
            assertEquals(4L, attr(jmx, cache, "CachePuts"));
            assertEquals(0L, attr(jmx, cache, "CacheRemovals"));
            assertEquals(0L, attr(jmx, cache, "CacheEvictions"));
            assertEquals(4L, attr(jmx, cache, "Loads"));
            assertEquals(0L, attr(jmx, cache, "LoadFailures"));
            assertTrue((Double) attr(jmx, cache, "AverageLoadTime") > 0);
            assertEquals(0L, attr(jmx, cache, "RemoteErrors"));
            assertEquals(4L, attr(jmx, cache, "LocalSize"));

            assertEquals(5L, attr(jmx, rule, "Invocations"));
            assertEquals(2L, attr(jmx, rule, "CacheHits"));
            assertEquals(3L, attr(jmx, rule, "CacheMisses"));
            assertEquals(3L, attr(jmx, rule, "Loads"));
            assertTrue((Double) attr(jmx, rule, "AverageLoadTime") > 0);
            assertArrayEquals(new String[] {"fixture.app.Catalog#describe(long)"}, (String[]) attr(jmx, rule, "WovenMethods"));

            assertEquals(rules.toString(), attr(jmx, agent, "RulesFile"));
            assertEquals(2, attr(jmx, agent, "RuleCount"));
            assertEquals(2, attr(jmx, agent, "WovenMethodCount"));
            assertEquals("", attr(jmx, agent, "LastError"));
            assertTrue(((String) attr(jmx, agent, "RulesLoadedAt")).endsWith("Z"));

            // invalidate takes the key as the rule renders it: the next call runs the method
            int before = app.calls("describe", 1);
            invoke(jmx, cache, "invalidate", "1");
            assertEquals(before + 1, app.calls("describe", 1));
            assertEquals(before + 1, app.calls("describe", 1));
            assertEquals(1L, attr(jmx, cache, "CacheRemovals"));

            invoke(jmx, cache, "invalidateAll");
            assertEquals(0L, attr(jmx, cache, "LocalSize"));
            invoke(jmx, cache, "resetStatistics");
            assertEquals(0L, attr(jmx, cache, "CacheGets"));
            assertEquals(0L, attr(jmx, cache, "CachePuts"));
            assertEquals(0L, attr(jmx, rule, "Invocations"));
            app.calls("describe", 1);
            assertEquals(1L, attr(jmx, cache, "CacheMisses"));
            assertEquals(1L, attr(jmx, rule, "Invocations"));
        }
    }

    @Test
    void readOnlyModeKeepsAttributesAndRefusesOperations() throws Exception {
        Path rules = RulesFiles.write(dir, RULES);
        try (LiveJvm app = LiveJvm.start("rules=" + rules, java.util.List.of("-Dcacheweaver.jmx.readOnly=true"), LiveApp.class)) {
            int before = app.calls("describe", 1);
            MBeanServerConnection jmx = app.jmx();
            String cache = "io.cacheweaver:type=Cache,name=items";
            app.await("the Cache MBean", () -> registered(jmx, cache));
            Exception refused = assertThrows(Exception.class, () ->
                    jmx.invoke(new ObjectName(cache), "invalidateAll", new Object[0], new String[0]));
            assertTrue(String.valueOf(refused.getCause()).contains(
                    "invalidateAll is disabled: the agent runs with -Dcacheweaver.jmx.readOnly=true"), String.valueOf(refused));
            assertThrows(Exception.class, () -> jmx.invoke(new ObjectName("io.cacheweaver:type=Agent"), "reloadRules",
                    new Object[0], new String[0]));
            assertEquals(before, app.calls("describe", 1), "the entry survived the refused invalidateAll");
            assertEquals(1L, attr(jmx, cache, "LocalHits"), "attributes stay readable");
        }
    }
}
