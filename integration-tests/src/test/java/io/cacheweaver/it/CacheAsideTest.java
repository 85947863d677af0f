package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.Scenarios;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** action: cache, end to end: a forked JVM with the real agent jar around fixture classes. */
class CacheAsideTest {
    @TempDir
    Path dir;

    private Path rules(String rulesSection, String cachesSection) {
        return RulesFiles.write(dir, "version: 1\ncaches:\n" + cachesSection + "rules:\n" + rulesSection);
    }

    private static final String CATALOG = "      method: fixture.app.Catalog#";

    @Test
    void repeatedCallsRunTheMethodOnceAndAnotherKeyRunsItAgain() {
        Path rules = rules("""
                  - id: describe
                    method: fixture.app.Catalog#describe(long)
                    cache: items
                    key: "{id}"
                """, "  items: { ttl: 10m }\n");
        ForkedJvm.Result cached = ForkedJvm.withAgent(rules, Scenarios.class, "repeat").assertSuccess();
        assertEquals(2, cached.intValue("calls.describe"), cached.output());
        assertEquals("item-1@eu", cached.value("second"));
        assertEquals("item-1@eu", cached.value("third"));
        assertEquals("item-2@eu", cached.value("other"));
        assertTrue(cached.output().contains("[cacheweaver] rule describe: caches in \"items\" on fixture.app.Catalog#describe(long)"),
                cached.output());

        ForkedJvm.Result plain = ForkedJvm.run(null, java.util.List.of(), Scenarios.class, "repeat").assertSuccess();
        assertEquals(4, plain.intValue("calls.describe"), "without the agent every call runs the body");
    }

    @Test
    void anEntryExpiresAfterItsTtl() {
        Path rules = rules("""
                  - id: describe
                    method: fixture.app.Catalog#describe
                    cache: items
                """, "  items: { ttl: 300ms }\n");
        ForkedJvm.Result result = ForkedJvm.withAgent(rules, Scenarios.class, "ttl", "900").assertSuccess();
        assertEquals(1, result.intValue("beforeExpiry"));
        assertEquals(2, result.intValue("afterExpiry"));
    }

    @Test
    void whenAndUnlessDecideWhatIsCached() {
        Path rules = rules("""
                  - id: search
                    method: fixture.app.Catalog#search(String, int)
                    cache: items
                    key: "{text}:{page}"
                    when: "page < 3"
                  - id: tags
                    method: fixture.app.Catalog#tags
                    cache: items
                    key: "tags:{0}"
                    unless: "result.size() > 1"
                  - id: customer
                    method: fixture.app.Catalog#byCustomer
                    cache: items
                    key: "customer:{customer.id}"
                    when: "customer.vip && customer.tier == 'gold'"
                """, "  items: {}\n");
        ForkedJvm.Result result = ForkedJvm.withAgent(rules, Scenarios.class, "conditions").assertSuccess();
        assertEquals(1 + 3, result.intValue("calls.search"), "page 1 cached, page 5 bypassed every time\n" + result.output());
        assertEquals(2, result.intValue("calls.tags"), "unless true: never stored");
        assertEquals(1 + 2, result.intValue("calls.byCustomer"), "gold cached, basic bypassed");
    }

    @Test
    void nullResultsAreCachedOnlyWithCacheNulls() {
        String rule = """
                  - id: maybe
                    method: fixture.app.Catalog#maybe
                    cache: items
                """;
        ForkedJvm.Result without = ForkedJvm.withAgent(rules(rule, "  items: {}\n"), Scenarios.class, "nulls").assertSuccess();
        assertEquals(2, without.intValue("calls.maybe"));
        assertEquals("true,true", without.value("nullResults"));

        ForkedJvm.Result with = ForkedJvm.withAgent(rules(rule, "  items: { cacheNulls: 1m }\n"), Scenarios.class, "nulls")
                .assertSuccess();
        assertEquals(1, with.intValue("calls.maybe"));
        assertEquals("true,true", with.value("nullResults"));
    }

    @Test
    void anExceptionReachesTheCallerUnchangedAndIsNotCached() {
        Path rules = rules("""
                  - id: fragile
                    method: fixture.app.Catalog#fragile
                    cache: items
                """, "  items: {}\n");
        ForkedJvm.Result result = ForkedJvm.withAgent(rules, Scenarios.class, "exception").assertSuccess();
        assertEquals("java.io.IOException: disk on fire for 9", result.value("thrown0"));
        assertEquals("java.io.IOException: disk on fire for 9", result.value("thrown1"));
        assertEquals(2, result.intValue("calls.fragile"));
    }

    @Test
    void staticPrivateFinalAndSelfInvokedMethodsAreCached() {
        Path rules = rules("""
                  - id: stock
                    method: fixture.app.Catalog#stock(String)
                    cache: items
                    key: "stock:{sku}"
                  - id: price
                    method: fixture.app.Catalog#price(int)
                    cache: items
                    key: "price:{0}"
                  - id: weight
                    method: fixture.app.Catalog#weight
                    cache: items
                    key: "weight:{args[0]}"
                  - id: title
                    method: fixture.app.Catalog#title
                    cache: items
                    key: "title:{id}"
                """, "  items: {}\n");
        ForkedJvm.Result result = ForkedJvm.withAgent(rules, Scenarios.class, "kinds").assertSuccess();
        assertEquals("21", result.value("stock"));
        assertEquals("6.0", result.value("price"));
        assertEquals("2000", result.value("weight"));
        assertEquals("Title 3|Title 3", result.value("twice"));
        assertEquals(1, result.intValue("calls.stock"));
        assertEquals(1, result.intValue("calls.price"));
        assertEquals(1, result.intValue("calls.weight"));
        assertEquals(1, result.intValue("calls.title"));
    }

    @Test
    void primitiveAndArrayResultsComeBackUnchanged() {
        Path rules = rules("""
                  - id: primitives
                    method: fixture.app.Catalog#flag|initial|digits
                    cache: items
                """.replace("#flag|initial|digits", "#*"), "  items: {}\n");
        ForkedJvm.Result result = ForkedJvm.withAgent(rules, Scenarios.class, "primitives").assertSuccess();
        assertEquals("true,false", result.value("flag1"));
        assertEquals("Z", result.value("initial1"));
        assertEquals("[9, 0, 7]", result.value("digits1"));
        assertEquals(2, result.intValue("calls.flag"));
        assertEquals(1, result.intValue("calls.initial"));
        assertEquals(1, result.intValue("calls.digits"));
    }

    @Test
    void keysStayDistinctWhateverCharactersTheArgumentsContain() {
        Path rules = rules("""
                  - id: search
                    method: fixture.app.Catalog#search
                    cache: items
                    key: "{text}:{page}"
                """, "  items: {}\n");
        ForkedJvm.Result result = ForkedJvm.withAgent(rules, Scenarios.class, "keys").assertSuccess();
        assertEquals("a:1#2|a#12|a:1#2", result.value("keys"));
        assertEquals(2, result.intValue("calls.search"), "(\"a:1\", 2) and (\"a\", 12) must not share a key");
    }

    @Test
    void thirtyTwoThreadsOnOneColdKeyRunTheMethodOnce() {
        Path rules = rules("""
                  - id: slow
                    method: fixture.app.Catalog#slow
                    cache: items
                """, "  items: {}\n");
        ForkedJvm.Result result = ForkedJvm.withAgent(rules, Scenarios.class, "stampede", "32").assertSuccess();
        assertEquals(32, result.intValue("correct"));
        assertEquals(1, result.intValue("calls.slow"));
    }
}
