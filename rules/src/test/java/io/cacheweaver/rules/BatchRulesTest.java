package io.cacheweaver.rules;

import static io.cacheweaver.rules.Yamls.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code each} and {@code resultKey} (rules-v1 §6): what the file alone can tell. */
class BatchRulesTest {
    private static final String HEAD = "version: 1\ncaches:\n  products: {}\nrules:\n";

    @Test
    void aBatchRuleKeepsEachAndResultKey() throws Exception {
        Rule rule = Yamls.load(HEAD + """
                  - id: by-ids
                    method: com.shop.Dao#findByIds(java.util.Collection)
                    cache: products
                    each: ids
                    resultKey: "{it.id}"
                """).rules().get(0);
        assertTrue(rule.isBatch());
        assertEquals("ids", rule.each());
        assertEquals("{it.id}", rule.resultKey().text());
        assertNull(rule.key(), "the default key, {it}, is the runtime's");
    }

    @Test
    void aRuleWithoutEachIsNotABatch() throws Exception {
        Rule rule = Yamls.load(HEAD + "  - id: one\n    method: com.shop.Dao#find(long)\n    cache: products\n").rules().get(0);
        assertTrue(!rule.isBatch());
        assertNull(rule.resultKey());
    }

    @Test
    void everyBatchMistakeIsReportedAtItsKey() {
        List<String> problems = problems(HEAD + """
                  - id: a
                    method: com.shop.Dao#findByIds(java.util.List)
                    cache: products
                    each: 3
                  - id: b
                    method: com.shop.Dao#find(long)
                    cache: products
                    resultKey: "{it.id}"
                  - id: c
                    method: com.shop.Dao#clear(java.util.List)
                    cache: products
                    action: evict
                    allEntries: true
                    each: ids
                  - id: d
                    method: com.shop.Dao#findByIds(java.util.List)
                    cache: products
                    each: ids
                    key: "{ids}"
                  - id: e
                    method: com.shop.Dao#saveAll(java.util.List)
                    cache: products
                    action: put
                    each: products
                    resultKey: "{it.id}"
                  - id: f
                    method: com.shop.Dao#findByIds(java.util.List)
                    cache: products
                    each: "a b"
                """);
        assertEquals(List.of(
                "cache-rules.yaml:8:11: rules[0].each: each: no parameter at position 3; the method selector has 1 parameter(s)",
                "cache-rules.yaml:12:5: rules[1].resultKey: resultKey is only allowed with action: cache and each",
                "cache-rules.yaml:18:5: rules[2].each: each is not allowed with allEntries: true",
                "cache-rules.yaml:23:10: rules[3].key: with each, key must use the element {it} (for example \"{it}\" or \"{it.id}\"), found \"{ids}\"",
                "cache-rules.yaml:29:5: rules[4].resultKey: resultKey is only allowed with action: cache and each",
                "cache-rules.yaml:33:11: rules[5].each: invalid each \"a b\"; expected the name or position (0, 1, ...) of the parameter holding a collection or an array"),
                problems);
    }
}
