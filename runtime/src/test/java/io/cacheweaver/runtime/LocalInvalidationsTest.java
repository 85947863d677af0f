package io.cacheweaver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.rules.RulesLoader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What other instances' messages do to this instance's local layers. */
class LocalInvalidationsTest {
    private final TieredCache items;
    private final LocalInvalidations invalidations;

    LocalInvalidationsTest() throws Exception {
        RulesFile rules = new RulesLoader(name -> null).parse("test", """
                version: 1
                caches:
                  items: { ttl: 10m }
                rules: []
                """);
        items = new TieredCache(rules.caches().get("items"));
        invalidations = new LocalInvalidations(() -> Map.of("items", items));
        items.store(1L, "one", Duration.ofMinutes(1));
        items.store("a", "letter", Duration.ofMinutes(1));
    }

    @Test
    void aKeyMessageDropsThatKeyOnlyAndAResynchronizeDropsEverything() {
        invalidations.invalidated("items", "1"); // a whole number arrives as text: same key as the Long
        assertNull(items.probe(1L));
        assertNotNull(items.probe("a"));
        invalidations.invalidated("unknown", "a");
        assertNotNull(items.probe("a"), "a message for a cache this instance does not have changes nothing");
        invalidations.resynchronize();
        assertEquals(0, items.stats().localSize());
    }

    @Test
    void theWarmUpKeepsEveryEntry() {
        invalidations.warmUp();
        assertNotNull(items.probe(1L));
        assertNotNull(items.probe("a"));
        assertEquals(2, items.stats().localSize());
    }
}
