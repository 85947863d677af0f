package io.cacheweaver.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.rules.RulesLoader;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** premain's gate: what no rule can weave loads at once; what one can waits for the weaver, then goes through it. */
class TransformerGateTest {
    private static final byte[] ORIGINAL = {1, 2, 3};
    private static final byte[] WOVEN = {4, 5, 6};
    private static final ClassLoader APP = new ClassLoader(null) {
    };

    private final AtomicInteger delegated = new AtomicInteger();
    private final ClassFileTransformer weaver = new ClassFileTransformer() {
        @Override
        public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                                byte[] bytes) {
            delegated.incrementAndGet();
            return WOVEN;
        }
    };

    private static TransformerGate gate(String method) throws Exception {
        String yaml = """
                version: 1
                caches:
                  prices: { ttl: 10m }
                rules:
                  - id: price
                    method: %s
                    cache: prices
                """.formatted(method);
        return new TransformerGate(GateNames.of(RulesLoader.withSystemEnvironment().parse("gate.yaml", yaml).rules(), false),
                java.util.Set.of());
    }

    private static byte[] load(TransformerGate gate, String internalName) throws Exception {
        return gate.transform(TransformerGateTest.class.getModule(), APP, internalName, null, null, ORIGINAL);
    }

    @Test
    void aClassNoRuleNamesLoadsAtOnceAndUntouchedWhileTheWeaverIsNotReady() throws Exception {
        TransformerGate gate = gate("shop.Prices#price(long)");
        long began = System.nanoTime();
        assertNull(load(gate, "shop/Other"));
        assertNull(load(gate, "java/util/Fresh"));
        assertNull(load(gate, null));
        assertTrue(System.nanoTime() - began < TimeUnit.SECONDS.toNanos(5), "did not wait");
        assertEquals(0, delegated.get());
    }

    @Test
    void aClassSomeRuleNamesWaitsForTheWeaverAndIsWovenByIt() throws Exception {
        TransformerGate gate = gate("shop.Prices#price(long)");
        CountDownLatch loading = new CountDownLatch(1);
        CompletableFuture<byte[]> result = CompletableFuture.supplyAsync(() -> {
            loading.countDown();
            try {
                return load(gate, "shop/Prices");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(loading.await(10, TimeUnit.SECONDS));
        assertEquals(0, delegated.get(), "nothing to delegate to yet");
        gate.open(weaver);
        assertArrayEquals(WOVEN, result.get(10, TimeUnit.SECONDS));
        assertEquals(1, delegated.get());
        assertNull(load(gate, "shop/Other"), "once open, a class no rule names still never reaches the weaver");
        assertEquals(1, delegated.get());
    }

    @Test
    void aReloadRetargetsTheGateSoTheClassesTheNewRulesNameReachTheWeaver() throws Exception {
        TransformerGate gate = gate("shop.Prices#price(long)");
        gate.open(weaver);
        assertNull(load(gate, "shop/Stock"));
        gate.retarget(GateNames.of(RulesLoader.withSystemEnvironment().parse("gate.yaml", """
                version: 1
                caches:
                  prices: { ttl: 10m }
                rules:
                  - id: stock
                    method: shop.Stock#level(long)
                    cache: prices
                """).rules(), false));
        assertArrayEquals(WOVEN, load(gate, "shop/Stock"), "named by the new rules");
        assertNull(gate.transform(TransformerGateTest.class.getModule(), APP, "shop/Prices", Object.class, null, ORIGINAL),
                "retransformed after its rule went: the class file as loaded, unwoven");
        assertEquals(1, delegated.get());
    }

    @Test
    void aTypePlusRuleMakesEveryApplicationClassWaitButNeverTheJdk() throws Exception {
        TransformerGate gate = gate("shop.Repository+#find");
        CompletableFuture<byte[]> app = CompletableFuture.supplyAsync(() -> {
            try {
                return load(gate, "shop/AnyClass");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertNull(load(gate, "java/lang/Fresh"), "the JDK never waits");
        gate.open(weaver);
        assertArrayEquals(WOVEN, app.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFailedWeaverReleasesTheWaitingClassesUnwoven() throws Exception {
        TransformerGate gate = gate("shop.Prices#price(long)");
        CompletableFuture<byte[]> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return load(gate, "shop/Prices");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        gate.open(null);
        assertNull(waiting.get(10, TimeUnit.SECONDS));
        assertNull(load(gate, "shop/Prices"));
        assertEquals(0, delegated.get());
    }

    @Test
    void withHttpRulesAServerClassWaitsUntilTheHttpLayerIsWovenEvenOnceTheWeaverIsReady() throws Exception {
        String yaml = """
                version: 1
                caches:
                  prices: { ttl: 10m }
                rules:
                  - id: price
                    method: shop.Prices#price(long)
                    cache: prices
                """;
        TransformerGate gate = new TransformerGate(GateNames.of(RulesLoader.withSystemEnvironment().parse("gate.yaml", yaml).rules(),
                true), io.cacheweaver.agent.http.ServerClasses.WOVEN);
        CompletableFuture<byte[]> servlet = CompletableFuture.supplyAsync(() -> {
            try {
                return load(gate, "jakarta/servlet/http/HttpServlet");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        gate.open(weaver);
        assertArrayEquals(WOVEN, load(gate, "shop/Prices"), "rule classes go through as soon as the weaver is ready");
        org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.TimeoutException.class,
                () -> servlet.get(300, TimeUnit.MILLISECONDS), "the servlet class waits for the HTTP layer");
        byte[] served = {7, 8, 9};
        java.util.List<byte[]> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        gate.openServers(new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                                    byte[] bytes) {
                seen.add(bytes);
                return name.contains("servlet") ? served : null;
            }
        });
        assertArrayEquals(served, servlet.get(10, TimeUnit.SECONDS), "the HTTP layer's transformer ran on the held class");
        assertArrayEquals(ORIGINAL, seen.get(0), "no rule names the servlet class: the HTTP layer sees it as loaded");
        assertArrayEquals(WOVEN, load(gate, "shop/Prices"), "rule classes: the weaver's result stands");
        assertArrayEquals(WOVEN, seen.get(seen.size() - 1), "and the HTTP layer runs after the weaver, on its output");
    }

    @Test
    void withoutHttpRulesServerClassesNeverWaitAndTheWeaverThreadNeverWaitsForItself() throws Exception {
        TransformerGate plain = gate("shop.Prices#price(long)");
        assertNull(load(plain, "jakarta/servlet/http/HttpServlet"));
        TransformerGate gate = gate("shop.Prices#price(long)");
        gate.openedBy(Thread.currentThread());
        long began = System.nanoTime();
        assertNull(load(gate, "shop/Prices"), "the thread that opens the gate would wait for itself");
        assertTrue(System.nanoTime() - began < TimeUnit.SECONDS.toNanos(5), "did not wait");
        assertEquals(0, delegated.get());
    }
}
