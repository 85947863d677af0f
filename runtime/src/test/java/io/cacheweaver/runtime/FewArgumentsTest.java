package io.cacheweaver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.rules.RulesLoader;
import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two- and three-parameter methods called through {@code enter2}/{@code enter3} (no argument
 * array) share their entries with every other way of naming the same key: the generic
 * {@code enter} with an array, another rule's {@code {a},{b}} template, an evict rule.
 */
class FewArgumentsTest {
    private static final Object SELF = new Quotes();

    private static RulesFile rules(String... rules) throws Exception {
        return new RulesLoader(name -> null).parse("test", "version: 1\ncaches:\n  quotes: { ttl: 10m }\nrules:\n"
                + String.join("", rules));
    }

    private static int register(CacheRuntime runtime, RulesFile rules, String id, String method, String descriptor,
                                List<String> names, List<String> types, String returns) throws Exception {
        Rule rule = rules.rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        return runtime.register(rule, new MethodShape(Quotes.class.getName(), method, descriptor, names, types, returns, false,
                new WeakReference<>(Quotes.class.getClassLoader())));
    }

    private static int quote(CacheRuntime runtime, RulesFile rules, String id) throws Exception {
        return register(runtime, rules, id, "quote", "(JLjava/lang/String;I)Ljava/lang/String;", List.of("id", "sku", "quantity"),
                List.of("long", "java.lang.String", "int"), "java.lang.String");
    }

    private static int price(CacheRuntime runtime, RulesFile rules, String id) throws Exception {
        return register(runtime, rules, id, "price", "(JLjava/lang/String;)Ljava/lang/String;", List.of("id", "currency"),
                List.of("long", "java.lang.String"), "java.lang.String");
    }

    /** A three-argument miss, stored, then whether each way of asking again finds it. */
    @Test
    void aThreeArgumentEntryIsFoundByTheArrayPathAndItsText() throws Exception {
        RulesFile rules = rules("  - { id: quote, method: \"io.cacheweaver.runtime.Quotes#quote\", cache: quotes }\n");
        CacheRuntime runtime = new CacheRuntime(rules);
        int site = quote(runtime, rules, "quote");

        Object miss = runtime.enter3(site, SELF, 1234L, "sku-1", 2);
        assertEquals(false, miss instanceof CacheHit, "first call: a miss");
        runtime.complete(site, miss, "q-1234", null);

        Object hit = runtime.enter3(site, SELF, 1234L, "sku-1", 2);
        assertEquals("q-1234", assertInstanceOf(CacheHit.class, hit).value);
        assertInstanceOf(CacheHit.class, runtime.enter(site, SELF, new Object[] {1234L, "sku-1", 2}), "the generic advice's array");
        assertInstanceOf(CacheHit.class, runtime.enter3(site, SELF, 1234, "sku-1", (short) 2), "other boxes, same text");
        assertInstanceOf(CacheHit.class, runtime.enter3L(site, SELF, 1234L, "sku-1", 2), "the long unboxed");
        assertEquals(false, runtime.enter3(site, SELF, 1234L, "sku-1", 3) instanceof CacheHit);
        assertEquals(false, runtime.enter3(site, SELF, 1234L, null, 2) instanceof CacheHit, "null is \\N, not a value");
    }

    @Test
    void anEvictRuleWithABracedTemplateRemovesWhatEnter3Stored() throws Exception {
        RulesFile rules = rules("  - { id: quote, method: \"io.cacheweaver.runtime.Quotes#quote\", cache: quotes, key: \"{id},{sku},{quantity}\" }\n",
                "  - { id: reprice, method: \"io.cacheweaver.runtime.Quotes#reprice\", cache: quotes, action: evict, key: \"{0},{1},1\" }\n");
        CacheRuntime runtime = new CacheRuntime(rules);
        int site = quote(runtime, rules, "quote");
        int evict = register(runtime, rules, "reprice", "reprice", "(JLjava/lang/String;)V", List.of("id", "sku"),
                List.of("long", "java.lang.String"), "void");

        runtime.complete(site, runtime.enter3(site, SELF, 7L, "a,b", 1), "q", null); // a value with a comma: rendered
        assertInstanceOf(CacheHit.class, runtime.enter3(site, SELF, 7L, "a,b", 1));
        assertInstanceOf(CacheHit.class, runtime.enter3L(site, SELF, 7L, "a,b", 1));
        Object token = runtime.enter2(evict, SELF, 7L, "a,b");
        runtime.exit(evict, token, null, null);
        assertEquals(false, runtime.enter3(site, SELF, 7L, "a,b", 1) instanceof CacheHit, "evicted");
    }

    /** An entry past its ttl is no fresh hit: enter3L hands over to the stale-if-error path with the argument array. */
    @Test
    void anAgedEntryTakesTheRevalidationPath() throws Exception {
        RulesFile rules = new RulesLoader(name -> null).parse("test", "version: 1\ncaches:\n  quotes: { ttl: 400ms, staleIfError: 1h }\n"
                + "rules:\n  - { id: quote, method: \"io.cacheweaver.runtime.Quotes#quote\", cache: quotes }\n");
        CacheRuntime runtime = new CacheRuntime(rules);
        int site = quote(runtime, rules, "quote");
        runtime.complete(site, runtime.enter3L(site, SELF, 9L, "sku-9", 1), "v1", null);
        assertInstanceOf(CacheHit.class, runtime.enter3L(site, SELF, 9L, "sku-9", 1), "fresh");
        Thread.sleep(500); // the point of the test is an entry past its ttl (generous: a loaded machine must not see it aged early)

        Object reload = runtime.enter3L(site, SELF, 9L, "sku-9", 1);
        assertEquals(false, reload instanceof CacheHit, "past the ttl the caller reloads");
        Object answer = runtime.complete(site, reload, null, new IllegalStateException("source down"));
        assertEquals("v1", assertInstanceOf(CacheHit.class, answer).value, "the stale value answers the failed load");
    }

    @Test
    void twoArgumentMethodsCacheByTheirDefaultKeyOrOneArgumentAndHonourWhen() throws Exception {
        RulesFile rules = rules("  - { id: price, method: \"io.cacheweaver.runtime.Quotes#price\", cache: quotes }\n");
        CacheRuntime runtime = new CacheRuntime(rules);
        int site = price(runtime, rules, "price");
        runtime.complete(site, runtime.enter2L(site, SELF, 5L, null), "p-5", null);
        assertEquals("p-5", assertInstanceOf(CacheHit.class, runtime.enter2L(site, SELF, 5L, null)).value);
        assertInstanceOf(CacheHit.class, runtime.enter2(site, SELF, 5L, null), "the long boxed");
        assertInstanceOf(CacheHit.class, runtime.enter(site, SELF, new Object[] {5L, null}));
        assertEquals(false, runtime.enter2(site, SELF, 5L, "EUR") instanceof CacheHit);

        RulesFile byId = rules("  - { id: price, method: \"io.cacheweaver.runtime.Quotes#price\", cache: quotes, key: \"{id}\","
                + " when: \"currency != null\" }\n");
        runtime.reload(byId);
        assertNull(runtime.enter2(site, SELF, 6L, null), "when is false: bypassed");
        runtime.complete(site, runtime.enter2(site, SELF, 6L, "EUR"), "p-6", null);
        assertInstanceOf(CacheHit.class, runtime.enter2(site, SELF, 6L, "USD"), "the key is the id alone");
        assertInstanceOf(CacheHit.class, runtime.enter2L(site, SELF, 6L, "CHF"), "the id alone, unboxed");
    }
}
