package io.cacheweaver.agent.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.rules.RulesLoader;
import org.junit.jupiter.api.Test;

/** Which rules files the lean weaver takes at startup, and what it says about the others. */
class LeanRulesTest {
    private static final String HEAD = "version: 1\ncaches:\n  items: { ttl: 10m }\nrules:\n";

    private static String whyNot(String rules) throws Exception {
        RulesFile file = RulesLoader.withSystemEnvironment().parse("lean.yaml", HEAD + rules);
        return LeanRules.whyNot(file);
    }

    @Test
    void cacheEvictAndPutRulesWithParameterKeysAndPropertyPathsAreLean() throws Exception {
        assertNull(whyNot("""
                  - { id: find, method: "com.shop.Dao#find(long)", cache: items, key: "{id}" }
                  - { id: order, method: "com.shop.Dao#order", cache: items, key: "{order.id}", tags: ["c:{result.customer}"] }
                  - { id: quote, method: "com.shop.Dao#quote", cache: items }
                  - { id: save, method: "com.shop.Dao#save", cache: items, action: evict, key: "{0}" }
                  - { id: many, method: "com.shop.Dao#findAll", cache: items, each: ids }
                  - { id: audit, method: "com.shop.Dao#save", action: evict, allEntries: true, cache: items }
                """));
    }

    @Test
    void httpRulesAreLeanTooTheHttpLayerWeavesWithAsmOfItsOwn() throws Exception {
        assertNull(whyNot("""
                  - { id: find, method: "com.shop.Dao#find(long)", cache: items }
                http:
                  - { id: pages, path: "/products/*", cacheControl: "public, max-age=60", etag: true }
                """));
    }

    @Test
    void subtypesNeedByteBuddy() throws Exception {
        assertEquals("rule find names subtypes (com.shop.Dao+#find(long))",
                whyNot("  - { id: find, method: \"com.shop.Dao+#find(long)\", cache: items }\n"));
    }

    @Test
    void theRehearsalWeavesItsOwnClass() throws Exception {
        byte[] woven = LeanWeaver.rehearse();
        assertTrue(woven.length > 0);
        // the rehearsal's bytes define a class that passes the verifier and runs as it did unwoven (no runtime installed)
        Class<?> defined = new ClassLoader(LeanRulesTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass("io.cacheweaver.agent.lean.Rehearsal", woven, 0, woven.length);
            }
        }.define();
        var constructor = defined.getDeclaredConstructor();
        constructor.setAccessible(true);
        var find = defined.getDeclaredMethod("find", long.class, String.class);
        find.setAccessible(true);
        assertEquals("x7", find.invoke(constructor.newInstance(), 7L, "x"));
    }
}
