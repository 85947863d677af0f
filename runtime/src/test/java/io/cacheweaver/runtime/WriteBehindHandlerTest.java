package io.cacheweaver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.rules.RulesLoader;
import io.cacheweaver.runtime.expr.CompileException;
import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The write-behind handler through the runtime's entry points, without weaving: the call is
 * answered with a skip, the value is readable at once, and the body runs later on an agent thread
 * (called directly here, since the method is not woven).
 */
class WriteBehindHandlerTest {
    private static final Ledger SELF = new Ledger();

    private static RulesFile rules() throws Exception {
        return new RulesLoader(name -> null).parse("test", """
                version: 1
                caches:
                  stock: { ttl: 10m }
                rules:
                  - id: update
                    method: io.cacheweaver.runtime.Ledger#update(String, int)
                    cache: stock
                    action: write-behind
                    key: "{0}"
                    value: "{1}"
                    writeBehind: { delay: 1h }
                  - id: stock
                    method: io.cacheweaver.runtime.Ledger#stock(String)
                    cache: stock
                    key: "{0}"
                """);
    }

    private static Rule rule(RulesFile rules, String id) {
        return rules.rules().stream().filter(rule -> rule.id().equals(id)).findFirst().orElseThrow();
    }

    private static MethodShape update() {
        return new MethodShape(Ledger.class.getName(), "update", "(Ljava/lang/String;I)V", List.of("sku", "qty"),
                List.of("java.lang.String", "int"), "void", false, new WeakReference<>(Ledger.class.getClassLoader()));
    }

    private static MethodShape stock() {
        return new MethodShape(Ledger.class.getName(), "stock", "(Ljava/lang/String;)Ljava/lang/Integer;", List.of("sku"),
                List.of("java.lang.String"), "java.lang.Integer", false, new WeakReference<>(Ledger.class.getClassLoader()));
    }

    @Test
    void theCallSkipsTheBodyTheValueIsReadAtOnceAndTheBodyRunsOnAnAgentThreadWhenFlushed() throws Exception {
        RulesFile rules = rules();
        CacheRuntime runtime = new CacheRuntime(rules);
        int write = runtime.register(rule(rules, "update"), update());
        int read = runtime.register(rule(rules, "stock"), stock());
        Ledger.WRITES.clear();

        assertInstanceOf(CacheHit.class, runtime.enter(write, SELF, new Object[] {"sku-1", 4}), "the body is skipped");
        assertInstanceOf(CacheHit.class, runtime.enter(write, SELF, new Object[] {"sku-1", 5}));
        Object hit = runtime.enter1(read, SELF, "sku-1");
        assertEquals(5, assertInstanceOf(CacheHit.class, hit).value, "the latest value is read at once");
        runtime.caches().get("stock").evict("sku-1");
        assertEquals(5, assertInstanceOf(CacheHit.class, runtime.enter1(read, SELF, "sku-1")).value,
                "read-your-writes: the pending write answers after the entry was dropped");
        assertEquals(List.of(), Ledger.WRITES);

        String outcome = WriteBehindPool.flush();
        assertTrue(outcome.contains("1 written, 0 given up, 0 still pending"), outcome);
        assertEquals(List.of("sku-1=5@cacheweaver-write-behind-N"), Ledger.WRITES, "coalesced: only the latest call's body ran");
        SiteCounters counters = runtime.sites().get(write).counters();
        assertEquals(1, counters.writeBehindWritten.sum());
        assertEquals(1, counters.writeBehindCoalesced.sum());
        assertEquals(0, counters.writeBehindPending.sum());
        assertEquals(2, counters.writes.sum());
    }

    @Test
    void aMethodWithAResultIsRejected() throws Exception {
        RulesFile rules = rules();
        CacheRuntime runtime = new CacheRuntime(rules);
        CompileException e = assertThrows(CompileException.class, () -> runtime.register(rule(rules, "update"), stock()));
        assertEquals("action write-behind needs a void method (the caller gets no result); "
                + "io.cacheweaver.runtime.Ledger#stock(java.lang.String) returns java.lang.Integer", e.getMessage());
    }
}
