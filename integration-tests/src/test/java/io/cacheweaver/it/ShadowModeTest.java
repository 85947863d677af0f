package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.ObservedApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.management.MBeanServerConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mode: shadow: the body runs on every call and its result is returned; would-be hits and
 * mismatches are counted exactly, a mismatch is logged with rule id and key only, and a reload
 * switches the rule to live.
 */
class ShadowModeTest {
    @TempDir
    Path dir;

    static final String RULES = """
            version: 1
            caches:
              prices: { ttl: 10m }
            rules:
              - id: price
                method: fixture.app.PriceBook#price(long)
                cache: prices
                key: "{id}"
                mode: shadow
            """;

    /** Sends {@code price <id>}; returns {value, bodies run so far}. */
    static String[] price(LiveJvm app, long id) {
        String[] words = app.send("price " + id).split(" ");
        return new String[] {words[2], words[3].substring("calls=".length())};
    }

    @Test
    void theBodyAlwaysRunsAndWouldBeHitsAndMismatchesAreCountedExactly() throws Exception {
        Path rules = RulesFiles.write(dir, RULES);
        try (LiveJvm app = LiveJvm.start("rules=" + rules, ObservedApp.class)) {
            assertEquals(List.of("price-1-v1", "1"), List.of(price(app, 1)));  // miss: stored
            assertEquals(List.of("price-1-v1", "2"), List.of(price(app, 1)));  // would-be hit, same value
            app.send("mutate 1");                                              // the source changes behind the cache
            assertEquals(List.of("price-1-v2", "3"), List.of(price(app, 1)));  // would-be hit, mismatch: entry replaced
            assertEquals(List.of("price-1-v2", "4"), List.of(price(app, 1)));  // would-be hit, same again
            app.send("mutate 1");
            assertEquals(List.of("price-1-v3", "5"), List.of(price(app, 1)));  // second mismatch: counted, not logged again
            assertEquals(List.of("price-2-v1", "6"), List.of(price(app, 2)));  // miss

            MBeanServerConnection jmx = app.jmx();
            String rule = "io.cacheweaver:type=Rule,name=price";
            app.await("the Rule MBean", () -> JmxTest.registered(jmx, rule));
            assertEquals(4L, JmxTest.attr(jmx, rule, "ShadowHits"));
            assertEquals(2L, JmxTest.attr(jmx, rule, "ShadowMismatches"));
            assertEquals(0L, JmxTest.attr(jmx, rule, "CacheHits"), "nothing was answered from the cache");
            assertEquals(2L, JmxTest.attr(jmx, rule, "CacheMisses"));
            assertEquals(2L, JmxTest.attr(jmx, rule, "Loads"));
            assertEquals(6L, JmxTest.attr(jmx, rule, "Invocations"));
            assertEquals(4L, JmxTest.attr(jmx, "io.cacheweaver:type=Cache,name=prices", "ShadowHits"));

            List<String> mismatchLines = app.output().lines().filter(l -> l.contains("(mode: shadow)")).toList();
            assertEquals(1, mismatchLines.size(), "rate-limited to one line per rule per minute:\n" + app.output());
            assertTrue(mismatchLines.get(0).contains("rule price (mode: shadow): the cached value for key 1 differs"),
                    mismatchLines.get(0));
            assertTrue(!mismatchLines.get(0).contains("price-1-v"), "never a value: " + mismatchLines.get(0));

            // a reload makes the rule live: the replaced entry now answers and the body stays still
            Files.writeString(rules, RULES.replace("    mode: shadow\n", ""));
            JmxTest.invoke(jmx, "io.cacheweaver:type=Agent", "reloadRules");
            assertEquals(List.of("price-1-v3", "6"), List.of(price(app, 1)));
            assertEquals(List.of("price-2-v1", "6"), List.of(price(app, 2)));
            assertEquals(2L, JmxTest.attr(jmx, rule, "CacheHits"));

            // and back to shadow: the body runs again
            Files.writeString(rules, RULES);
            JmxTest.invoke(jmx, "io.cacheweaver:type=Agent", "reloadRules");
            assertEquals(List.of("price-1-v3", "7"), List.of(price(app, 1)));
            assertEquals(5L, JmxTest.attr(jmx, rule, "ShadowHits"));
        }
    }
}
