package io.cacheweaver.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.bootstrap.CacheBridge;
import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.bootstrap.Dispatcher;
import io.cacheweaver.rules.RulesLoader;
import io.cacheweaver.runtime.CacheRuntime;
import io.cacheweaver.runtime.Site;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The woven code on method shapes beyond a plain lookup, with both weavers: primitive and void
 * results, static methods, two-slot locals, loops, switches, try/catch/finally and synchronized
 * blocks (whose stack map frames the lean weaver rewrites), put and evict rules, and a stale
 * value answering a failure. Every woven class passes the JVM's verifier when it is defined.
 */
class WeaverShapesTest {
    private static final String LEDGER = "weaving.fixture.Ledger";
    private static final String RULES = """
            version: 1
            caches:
              ledger: { ttl: 10m }
            rules:
              - { id: average, method: "weaving.fixture.Ledger#average", cache: ledger }
              - { id: parse, method: "weaving.fixture.Ledger#parse", cache: ledger }
              - { id: even, method: "weaving.fixture.Ledger#even", cache: ledger }
              - { id: initial, method: "weaving.fixture.Ledger#initial", cache: ledger }
              - { id: countdown, method: "weaving.fixture.Ledger#countdown", cache: ledger }
              - { id: deposit, method: "weaving.fixture.Ledger#deposit", cache: ledger, action: put, key: "{id}" }
              - { id: forget, method: "weaving.fixture.Ledger#forget", cache: ledger, action: evict, key: "{id}" }
            """;

    private final RecordingDispatcher recorder = new RecordingDispatcher();
    private final List<String> handedOver = new CopyOnWriteArrayList<>();

    @AfterEach
    void uninstall() {
        CacheBridge.install(Dispatcher.NONE);
    }

    private Object ledger(WeaverKind kind, CacheRuntime runtime) throws Exception {
        return new WeavingLoader(kind.transformer(runtime, runtime.rules().rules(), handedOver)).newInstance(LEDGER);
    }

    private static CacheRuntime runtime(String yaml) throws Exception {
        return new CacheRuntime(RulesLoader.withSystemEnvironment().parse("shapes.yaml", yaml));
    }

    private static Object call(Object target, String name, Object... args) throws Exception {
        for (Method method : target.getClass().getMethods()) {
            if (method.getName().equals(name)) {
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
        throw new AssertionError("no method " + name);
    }

    private static int bodies(Object ledger) throws ReflectiveOperationException {
        return ledger.getClass().getField("bodies").getInt(null);
    }

    private static int siteOf(CacheRuntime runtime, String ruleId) {
        return runtime.sites().stream().filter(site -> site.ruleId().equals(ruleId)).mapToInt(Site::id).max()
                .orElseThrow(() -> new AssertionError("no site for rule " + ruleId));
    }

    @ParameterizedTest
    @EnumSource(WeaverKind.class)
    void theRealRuntimeCachesEveryShapeAndReturnsWhatTheBodyReturned(WeaverKind kind) throws Exception {
        CacheRuntime runtime = runtime(RULES);
        Object ledger = ledger(kind, runtime);
        CacheBridge.install(runtime);
        int[] values = {1, 2, 3};

        for (int round = 0; round < 2; round++) {
            assertEquals(2.0, call(ledger, "average", values, 0));
            assertEquals(4.0, call(ledger, "average", values, 1));
            assertEquals(0.0, call(ledger, "average", values, 2));
            assertEquals(42, call(ledger, "parse", "42"));
            assertEquals(true, call(ledger, "even", 4L));
            assertEquals(false, call(ledger, "even", 5L));
            assertEquals('Z', call(ledger, "initial", "Zed"));
            assertEquals(0, call(ledger, "countdown", 3));
        }
        assertEquals(8, bodies(ledger), "every second call was a hit");

        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> call(ledger, "parse", "x"));
        assertEquals("not a number: x", failed.getMessage());
        assertThrows(IllegalStateException.class, () -> call(ledger, "parse", "x"));
        assertEquals(10, bodies(ledger), "a failure is not cached");
        assertEquals(List.of(), handedOver);
    }

    @ParameterizedTest
    @EnumSource(WeaverKind.class)
    void aHitReturnsTheCachedValueUnboxedToThePrimitiveResult(WeaverKind kind) throws Exception {
        CacheRuntime runtime = runtime(RULES);
        Object ledger = ledger(kind, runtime);
        CacheBridge.install(recorder);

        recorder.onEnter = argument -> new CacheHit(7);
        assertEquals(7, call(ledger, "parse", "42"));
        recorder.onEnter = argument -> new CacheHit(Boolean.FALSE);
        assertEquals(false, call(ledger, "even", 4L));
        recorder.onEnter = argument -> new CacheHit('q');
        assertEquals('q', call(ledger, "initial", "Zed"));
        recorder.onEnter = argument -> new CacheHit(1.25);
        assertEquals(1.25, call(ledger, "average", new int[] {1}, 0));

        assertEquals(0, bodies(ledger), "no body ran");
    }

    @ParameterizedTest
    @EnumSource(WeaverKind.class)
    void aStaleValueAnswersAFailureOnlyWhenTheRuntimeSaysSo(WeaverKind kind) throws Exception {
        CacheRuntime runtime = runtime(RULES);
        Object ledger = ledger(kind, runtime);
        CacheBridge.install(recorder);
        recorder.onComplete = thrown -> thrown instanceof IllegalStateException ? new CacheHit(5) : null;

        assertEquals(5, call(ledger, "parse", "x"), "the stale value replaced the exception");
        assertEquals(42, call(ledger, "parse", "42"), "a success keeps its own result");
        int site = siteOf(runtime, "parse");
        String thrownResult = kind == WeaverKind.LEAN ? "null" : "0";
        assertEquals(List.of("enter1 " + site + " x", "exit " + site + " token " + thrownResult + " IllegalStateException",
                "enter1 " + site + " 42", "exit " + site + " token 42 -"), recorder.calls);
    }

    @ParameterizedTest
    @EnumSource(WeaverKind.class)
    void putAndEvictRulesSeeArgumentsResultAndExceptionAndChangeNothing(WeaverKind kind) throws Exception {
        CacheRuntime runtime = runtime(RULES);
        Object ledger = ledger(kind, runtime);
        CacheBridge.install(recorder);

        assertEquals(10L, call(ledger, "deposit", 1L, 10L));
        call(ledger, "forget", 1L);
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> call(ledger, "forget", -1L));

        assertEquals("negative id -1", thrown.getMessage());
        int deposit = siteOf(runtime, "deposit");
        int forget = siteOf(runtime, "forget");
        assertEquals(List.of("enter " + deposit + " [1, 10]", "exit " + deposit + " token 10 -",
                "enter " + forget + " [1]", "exit " + forget + " token null -",
                "enter " + forget + " [-1]", "exit " + forget + " token null IllegalArgumentException"), recorder.calls);
        assertEquals(3, bodies(ledger));
    }

    @ParameterizedTest
    @EnumSource(WeaverKind.class)
    void twoRulesOnOneMethodAreBothWovenTheFirstOutermost(WeaverKind kind) throws Exception {
        CacheRuntime runtime = runtime(RULES + """
                  - { id: audit, method: "weaving.fixture.Ledger#deposit", cache: ledger, action: evict, key: "{id}" }
                """);
        Object ledger = ledger(kind, runtime);
        CacheBridge.install(recorder);

        assertEquals(10L, call(ledger, "deposit", 1L, 10L));
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> call(ledger, "deposit", -1L, 1L));

        assertEquals("negative id -1", thrown.getMessage());
        assertEquals(List.of(), handedOver, "no hand-over to Byte Buddy");
        int deposit = siteOf(runtime, "deposit");
        int audit = siteOf(runtime, "audit");
        // Byte Buddy's order, which the lean weaver keeps: the rule listed first runs first and ends last.
        // A failed call has no result: Byte Buddy's advice sees the type's default, the lean bridge call null.
        String none = kind == WeaverKind.BYTE_BUDDY ? "0" : "null";
        assertEquals(List.of("enter " + deposit + " [1, 10]", "enter " + audit + " [1, 10]",
                "exit " + audit + " token 10 -", "exit " + deposit + " token 10 -",
                "enter " + deposit + " [-1, 1]", "enter " + audit + " [-1, 1]",
                "exit " + audit + " token " + none + " IllegalArgumentException",
                "exit " + deposit + " token " + none + " IllegalArgumentException"),
                recorder.calls);
        assertEquals(2, bodies(ledger));
    }

    @ParameterizedTest
    @EnumSource(WeaverKind.class)
    void anEvictRuleAroundACacheRuleSeesItsHitsAndItsFailures(WeaverKind kind) throws Exception {
        CacheRuntime runtime = runtime("""
                version: 1
                caches:
                  ledger: { ttl: 10m }
                rules:
                  - { id: touch, method: "weaving.fixture.Ledger#parse", cache: ledger, action: evict, key: "{text}" }
                  - { id: parse, method: "weaving.fixture.Ledger#parse", cache: ledger }
                """);
        Object ledger = ledger(kind, runtime);
        CacheBridge.install(recorder);
        // the cache rule's enter (one argument, not an array) answers a hit; the evict rule's a token
        recorder.onEnter = argument -> argument instanceof Object[] ? "token" : new CacheHit(7);

        assertEquals(7, call(ledger, "parse", "42"));
        recorder.onEnter = argument -> "token";
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> call(ledger, "parse", "x"));

        assertEquals("not a number: x", thrown.getMessage());
        int touch = siteOf(runtime, "touch");
        int parse = siteOf(runtime, "parse");
        String none = kind == WeaverKind.BYTE_BUDDY ? "0" : "null";
        assertEquals(List.of("enter " + touch + " [42]", "enter1 " + parse + " 42", "exit " + touch + " token 7 -",
                "enter " + touch + " [x]", "enter1 " + parse + " x", "exit " + parse + " token " + none + " IllegalStateException",
                "exit " + touch + " token " + none + " IllegalStateException"), recorder.calls);
        assertEquals(1, bodies(ledger), "the hit skipped the body");
        assertEquals(List.of(), handedOver);
    }

    @ParameterizedTest
    @EnumSource(WeaverKind.class)
    void aBatchRunsTheBodyWithOnlyTheMissingElementsAndAnswersInTheCallersOrder(WeaverKind kind) throws Exception {
        CacheRuntime runtime = runtime("""
                version: 1
                caches:
                  lines: { ttl: 10m }
                rules:
                  - { id: lines, method: "weaving.fixture.Ledger#lines", cache: lines, each: ids, key: "{it}", resultKey: "{it.id}" }
                  - { id: linesOf, method: "weaving.fixture.Ledger#linesOf", cache: lines, each: "0", key: "{it}", resultKey: "{it.id}" }
                """);
        Object ledger = ledger(kind, runtime);
        CacheBridge.install(runtime);

        assertEquals("[1:1, 2:2]", texts(call(ledger, "lines", List.of(1L, 2L), 1)));
        assertEquals(1, bodies(ledger));
        assertEquals("[3:333, 1:1, 2:2]", texts(call(ledger, "lines", List.of(3L, 1L, 2L), 3)));
        assertEquals("[3] width 3", lastBatch(ledger), "the body ran with only the missing element");
        assertEquals("[1:1, 2:2, 3:333]", texts(call(ledger, "lines", List.of(1L, 2L, 3L), 5)), "all hits: no body");
        assertEquals(2, bodies(ledger));
        assertEquals("[4:#4, 1:1]", texts(call(ledger, "linesOf", (Object) new long[] {4L, 1L})));
        assertEquals("[4]", lastBatch(ledger), "the array held only the missing element");
        assertEquals(3, bodies(ledger));
        assertEquals(List.of(), handedOver);
    }

    private static String lastBatch(Object ledger) throws ReflectiveOperationException {
        return (String) ledger.getClass().getField("lastBatch").get(null);
    }

    /** {@code [id:text, ...]} of a list of {@code Ledger.Line}. */
    private static String texts(Object lines) throws Exception {
        List<String> texts = new java.util.ArrayList<>();
        for (Object line : (List<?>) lines) {
            texts.add(line.getClass().getMethod("id").invoke(line) + ":" + line.getClass().getMethod("text").invoke(line));
        }
        return texts.toString();
    }
}
