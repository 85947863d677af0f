package io.cacheweaver.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.bootstrap.CacheBridge;
import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.bootstrap.Dispatcher;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.rules.RulesLoader;
import io.cacheweaver.runtime.CacheRuntime;
import io.cacheweaver.runtime.Site;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The weaver on its own, without an agent or a second JVM: fixture classes are loaded through a
 * class loader of the test's own that applies the weaver's transformer to their bytes (as
 * Glowroot's weaver tests do), then called, and a recording dispatcher behind the bridge shows
 * what the woven code asked for and with which site id.
 */
class WeaverTest {
    private static final String PRICES = "weaving.fixture.Prices";
    private static final String RULES = """
            version: 1
            caches:
              prices: { ttl: 10m }
            rules:
              - id: price
                method: weaving.fixture.Prices#price(long)
                cache: prices
              - id: quote
                method: weaving.fixture.Prices#quote
                cache: prices
              - id: fragile
                method: weaving.fixture.Prices#fragile
                cache: prices
            """;

    private final RecordingDispatcher recorder = new RecordingDispatcher();
    private final List<String> handedOver = new CopyOnWriteArrayList<>();

    private ClassFileTransformer weaver(WeaverKind kind, CacheRuntime runtime, List<Rule> rules) {
        return kind.transformer(runtime, rules, handedOver);
    }

    private static RulesFile rules(String yaml) throws Exception {
        return RulesLoader.withSystemEnvironment().parse("test-rules.yaml", yaml);
    }

    private static int siteOf(CacheRuntime runtime, String ruleId) {
        return runtime.sites().stream().filter(site -> site.ruleId().equals(ruleId)).mapToInt(Site::id).max()
                .orElseThrow(() -> new AssertionError("no site for rule " + ruleId + ": " + runtime.sites()));
    }

    private static Object call(Object target, String method, Class<?>[] types, Object... args) throws Exception {
        try {
            return target.getClass().getMethod(method, types).invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static int bodies(Object prices) throws ReflectiveOperationException {
        return prices.getClass().getField("bodies").getInt(null);
    }

    @ParameterizedTest
    @EnumSource(WeaverKind.class)
    void aOneParameterMethodPassesItsArgumentAndItsSiteIdToEnterAndExit(WeaverKind kind) throws Exception {
        CacheRuntime runtime = new CacheRuntime(rules(RULES));
        Object prices = new WeavingLoader(weaver(kind, runtime, runtime.rules().rules())).newInstance(PRICES);
        CacheBridge.install(recorder);

        assertEquals(10.5, call(prices, "price", new Class<?>[] {long.class}, 7L));

        int site = siteOf(runtime, "price");
        assertEquals(List.of("enter1 " + site + " 7", "exit " + site + " token 10.5 -"), recorder.calls);
        assertEquals(1, bodies(prices));
    }

    @ParameterizedTest
    @EnumSource(WeaverKind.class)
    void twoAndThreeParameterMethodsPassTheirArgumentsOneByOneALongUnboxedMoreAnArgumentArray(WeaverKind kind) throws Exception {
        CacheRuntime runtime = new CacheRuntime(rules(RULES + """
                  - id: quote3
                    method: weaving.fixture.Prices#quote3
                    cache: prices
                  - id: quote4
                    method: weaving.fixture.Prices#quote4
                    cache: prices
                """));
        Object prices = new WeavingLoader(weaver(kind, runtime, runtime.rules().rules())).newInstance(PRICES);
        CacheBridge.install(recorder);

        assertEquals("ax2", call(prices, "quote", new Class<?>[] {String.class, int.class}, "a", 2));
        assertEquals("7nullx2", call(prices, "quote3", new Class<?>[] {long.class, String.class, int.class}, 7L, null, 2));
        assertEquals("7bx3!", call(prices, "quote4", new Class<?>[] {long.class, String.class, int.class, boolean.class}, 7L, "b", 3, true));

        int quote = siteOf(runtime, "quote");
        int quote3 = siteOf(runtime, "quote3");
        int quote4 = siteOf(runtime, "quote4");
        assertNotEquals(siteOf(runtime, "price"), quote);
        assertEquals(List.of("enter2 " + quote + " a 2", "exit " + quote + " token ax2 -",
                "enter3L " + quote3 + " 7 null 2", "exit " + quote3 + " token 7nullx2 -",
                "enter " + quote4 + " [7, b, 3, true]", "exit " + quote4 + " token 7bx3! -"), recorder.calls);
    }

    @ParameterizedTest
    @EnumSource(WeaverKind.class)
    void theRealRuntimeCachesTwoAndThreeParameterMethods(WeaverKind kind) throws Exception {
        CacheRuntime runtime = new CacheRuntime(rules(RULES + """
                  - id: quote3
                    method: weaving.fixture.Prices#quote3
                    cache: prices
                """));
        Object prices = new WeavingLoader(weaver(kind, runtime, runtime.rules().rules())).newInstance(PRICES);
        CacheBridge.install(runtime);
        Class<?>[] three = {long.class, String.class, int.class};

        assertEquals("ax2", call(prices, "quote", new Class<?>[] {String.class, int.class}, "a", 2));
        assertEquals("ax2", call(prices, "quote", new Class<?>[] {String.class, int.class}, "a", 2));
        assertEquals("1000nullx2", call(prices, "quote3", three, 1000L, null, 2));
        assertEquals("1000nullx2", call(prices, "quote3", three, 1000L, null, 2));
        assertEquals("1000nullx3", call(prices, "quote3", three, 1000L, null, 3));

        assertEquals(3, bodies(prices), "the second call of each was a hit");
    }

    @ParameterizedTest
    @EnumSource(WeaverKind.class)
    void aHitSkipsTheBodyAndReturnsTheCachedValue(WeaverKind kind) throws Exception {
        CacheRuntime runtime = new CacheRuntime(rules(RULES));
        Object prices = new WeavingLoader(weaver(kind, runtime, runtime.rules().rules())).newInstance(PRICES);
        recorder.onEnter = argument -> new CacheHit(99.0);
        CacheBridge.install(recorder);

        assertEquals(99.0, call(prices, "price", new Class<?>[] {long.class}, 7L));

        assertEquals(0, bodies(prices), "the body did not run");
        assertEquals(List.of("enter1 " + siteOf(runtime, "price") + " 7"), recorder.calls, "no exit after a hit");
    }

    @ParameterizedTest
    @EnumSource(WeaverKind.class)
    void anExceptionReachesExitAndTheCallerUnchanged(WeaverKind kind) throws Exception {
        CacheRuntime runtime = new CacheRuntime(rules(RULES));
        Object prices = new WeavingLoader(weaver(kind, runtime, runtime.rules().rules())).newInstance(PRICES);
        CacheBridge.install(recorder);

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> call(prices, "fragile", new Class<?>[] {long.class}, -1L));

        assertEquals("negative id", thrown.getMessage());
        int site = siteOf(runtime, "fragile");
        // Byte Buddy passes the return type's default value as the result of a call that threw, the lean weaver null
        String result = kind == WeaverKind.LEAN ? "null" : "0";
        assertEquals(List.of("enter1 " + site + " -1", "exit " + site + " token " + result + " IllegalArgumentException"),
                recorder.calls);
    }

    @ParameterizedTest
    @EnumSource(WeaverKind.class)
    void aFailingDispatcherNeverReachesTheApplication(WeaverKind kind) throws Exception {
        CacheRuntime runtime = new CacheRuntime(rules(RULES));
        Object prices = new WeavingLoader(weaver(kind, runtime, runtime.rules().rules())).newInstance(PRICES);
        CacheBridge.install(new Dispatcher() {
            @Override
            public Object enter(int site, Object self, Object[] args) {
                throw new IllegalStateException("broken runtime");
            }

            @Override
            public void exit(int site, Object token, Object result, Throwable thrown) {
                throw new IllegalStateException("broken runtime");
            }
        });

        assertEquals(10.5, call(prices, "price", new Class<?>[] {long.class}, 7L));
        assertEquals("ax2", call(prices, "quote", new Class<?>[] {String.class, int.class}, "a", 2));
        assertEquals(2, bodies(prices));
    }

    @ParameterizedTest
    @EnumSource(WeaverKind.class)
    void methodsAndClassesNoRuleNamesAreLeftAlone(WeaverKind kind) throws Exception {
        CacheRuntime runtime = new CacheRuntime(rules(RULES));
        WeavingLoader loader = new WeavingLoader(weaver(kind, runtime, runtime.rules().rules()));
        Object prices = loader.newInstance(PRICES);
        Object unrelated = loader.newInstance("weaving.fixture.Unrelated");
        CacheBridge.install(recorder);

        assertEquals("plain-3", call(prices, "untouched", new Class<?>[] {long.class}, 3L));
        assertEquals("unrelated-3", call(unrelated, "price", new Class<?>[] {long.class}, 3L));

        assertEquals(List.of(), recorder.calls);
        assertEquals(Set.of(PRICES), loader.woven, "Unrelated's bytes were not rewritten");
        assertEquals(3, runtime.sites().size(), "one site per woven method");
    }

    @ParameterizedTest
    @EnumSource(WeaverKind.class)
    void theAgentsOwnClassesAreNeverWovenWhateverARuleSays(WeaverKind kind) throws Exception {
        CacheRuntime runtime = new CacheRuntime(rules(RULES.replace("weaving.fixture.Prices#price(long)",
                "io.cacheweaver.agent.OwnPrices#price(long)")));
        WeavingLoader loader = new WeavingLoader(weaver(kind, runtime, runtime.rules().rules()));
        Object own = loader.newInstance(OwnPrices.class.getName());
        CacheBridge.install(recorder);

        assertEquals(4.0, call(own, "price", new Class<?>[] {long.class}, 2L));

        assertEquals(List.of(), recorder.calls);
        assertEquals(Set.of(), loader.woven);
        assertEquals(List.of(), runtime.sites());
    }

    @ParameterizedTest
    @EnumSource(WeaverKind.class)
    void theRealRuntimeBehindTheBridgeCachesTheWovenMethod(WeaverKind kind) throws Exception {
        CacheRuntime runtime = new CacheRuntime(rules(RULES));
        Object prices = new WeavingLoader(weaver(kind, runtime, runtime.rules().rules())).newInstance(PRICES);
        CacheBridge.install(runtime);

        assertEquals(4.5, call(prices, "price", new Class<?>[] {long.class}, 3L));
        assertEquals(4.5, call(prices, "price", new Class<?>[] {long.class}, 3L));

        assertEquals(1, bodies(prices), "the second call was a hit");
    }

    @ParameterizedTest
    @EnumSource(WeaverKind.class)
    void aClassWovenAgainKeepsItsSitesWhileARenamedRuleOrAnotherLoaderGetsNewOnes(WeaverKind kind) throws Exception {
        CacheRuntime runtime = new CacheRuntime(rules(RULES));
        ClassFileTransformer transformer = weaver(kind, runtime, runtime.rules().rules());
        WeavingLoader loader = new WeavingLoader(transformer);
        loader.newInstance(PRICES);
        int price = siteOf(runtime, "price");

        assertTrue(loader.weaveAgain(transformer, PRICES), "a retransformation of the same class");
        assertEquals(3, runtime.sites().size(), "same rules, same method, same loader: same sites");

        RulesFile renamed = rules(RULES.replace("- id: price\n", "- id: cost\n"));
        runtime.reload(renamed);
        assertTrue(loader.weaveAgain(weaver(kind, runtime, renamed.rules()), PRICES));
        int cost = siteOf(runtime, "cost");
        assertNotEquals(price, cost, "a renamed rule is another rule: a new site");
        assertEquals(4, runtime.sites().size());
        Site old = runtime.sites().get(price);
        assertFalse(renamed.rules().stream().anyMatch(old::serves), "the old site serves no rule in force");

        new WeavingLoader(transformer).newInstance(PRICES);
        assertEquals(7, runtime.sites().size(), "another class loader's copy of the class has sites of its own");
    }
}
