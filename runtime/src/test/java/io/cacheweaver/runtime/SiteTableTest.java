package io.cacheweaver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.rules.RulesLoader;
import io.cacheweaver.runtime.expr.CompileException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Site identity, the one-cache-rule policy and the swap on reload, through the runtime's own
 * entry points (what the weaver and the woven code call), without weaving anything.
 */
class SiteTableTest {
    private static final Object SELF = new StaleCatalog();
    private static final String FIND = "  - { id: find, method: \"io.cacheweaver.runtime.StaleCatalog#find(long)\", cache: items }\n";
    private static final String SAVE = "  - { id: save, method: \"io.cacheweaver.runtime.StaleCatalog#save\", cache: items, action: put, key: \"{0}\" }\n";

    private static RulesFile rules(String... rules) throws Exception {
        return new RulesLoader(name -> null).parse("test", "version: 1\ncaches:\n  items: { ttl: 10m }\nrules:"
                + (rules.length == 0 ? " []\n" : "\n" + String.join("", rules)));
    }

    private static Rule rule(RulesFile rules, String id) {
        return rules.rules().stream().filter(rule -> rule.id().equals(id)).findFirst().orElseThrow();
    }

    private static MethodShape find(ClassLoader loader) {
        return new MethodShape(StaleCatalog.class.getName(), "find", "(J)Ljava/lang/String;", List.of("id"), List.of("long"),
                "java.lang.String", false, new WeakReference<>(loader));
    }

    private static MethodShape save() {
        return new MethodShape(StaleCatalog.class.getName(), "save", "(JLjava/lang/String;)Ljava/lang/String;", List.of("id", "text"),
                List.of("long", "java.lang.String"), "java.lang.String", false, new WeakReference<>(StaleCatalog.class.getClassLoader()));
    }

    /** A miss then a hit on one id, as the woven method would see them. */
    private static boolean caches(CacheRuntime runtime, int site, long id) {
        Object first = runtime.enter1(site, SELF, id);
        if (first instanceof CacheHit) {
            return true;
        }
        runtime.exit(site, first, "found-" + id, null);
        return runtime.enter1(site, SELF, id) instanceof CacheHit;
    }

    @Test
    void aMethodWovenAgainForTheSameRuleKeepsItsIdAnotherLoadersCopyGetsItsOwn() throws Exception {
        RulesFile rules = rules(FIND);
        CacheRuntime runtime = new CacheRuntime(rules);
        ClassLoader own = StaleCatalog.class.getClassLoader();
        int site = runtime.register(rule(rules, "find"), find(own));
        assertEquals(site, runtime.register(rule(rules, "find"), find(own)));
        try (URLClassLoader other = new URLClassLoader(new URL[0], own)) {
            assertNotEquals(site, runtime.register(rule(rules, "find"), find(other)));
        }
        assertEquals(2, runtime.sites().size());
    }

    @Test
    void warmingUpRegistersNothingAndTheFirstSiteStillGetsIdZero() throws Exception {
        RulesFile rules = rules(FIND);
        CacheRuntime runtime = new CacheRuntime(rules);
        SiteTable.warmUp();
        assertEquals(0, runtime.sites().size());
        assertEquals(0, runtime.register(rule(rules, "find"), find(StaleCatalog.class.getClassLoader())));
        assertTrue(caches(runtime, 0, 7), "the warmed-up table weaves and caches as before");
    }

    @Test
    void aMethodHasOneCacheRuleButPutAndEvictRulesStack() throws Exception {
        RulesFile rules = rules(FIND, FIND.replace("id: find", "id: lookup"),
                SAVE, SAVE.replace("id: save", "id: save2"));
        CacheRuntime runtime = new CacheRuntime(rules);
        runtime.register(rule(rules, "find"), find(StaleCatalog.class.getClassLoader()));
        CompileException refused = assertThrows(CompileException.class,
                () -> runtime.register(rule(rules, "lookup"), find(StaleCatalog.class.getClassLoader())));
        assertTrue(refused.getMessage().contains("the method is already cached by rule find"), refused.getMessage());
        assertNotEquals(runtime.register(rule(rules, "save"), save()), runtime.register(rule(rules, "save2"), save()));
    }

    @Test
    void aRenamedRuleGetsANewSiteTheOldOnePassesThroughAndNoLongerBlocksIt() throws Exception {
        RulesFile before = rules(FIND);
        CacheRuntime runtime = new CacheRuntime(before);
        int old = runtime.register(rule(before, "find"), find(StaleCatalog.class.getClassLoader()));
        assertTrue(caches(runtime, old, 1));

        RulesFile renamed = rules(FIND.replace("id: find", "id: lookup"));
        runtime.reload(renamed);
        assertNull(runtime.enter1(old, SELF, 2L), "the old site's rule is gone: it passes through");
        int fresh = runtime.register(rule(renamed, "lookup"), find(StaleCatalog.class.getClassLoader()));
        assertNotEquals(old, fresh);
        assertTrue(caches(runtime, fresh, 2));

        runtime.reload(before);
        assertEquals(old, runtime.register(rule(before, "find"), find(StaleCatalog.class.getClassLoader())),
                "the rule back under its old id finds its old site");
        assertTrue(caches(runtime, old, 3));
        assertInstanceOf(CacheHit.class, runtime.enter1(old, SELF, 1L), "its entries survived: the cache's settings never changed");
    }

    @Test
    void anIdNeverHandedOutPassesThrough() throws Exception {
        CacheRuntime runtime = new CacheRuntime(rules());
        assertNull(runtime.enter1(42, SELF, 1L));
        assertNull(runtime.enter(-1, SELF, new Object[0]));
    }

    /**
     * A site's first call loads its class while compiling; meanwhile another thread that holds that
     * class's loading lock (it is loading the class, and the weaver registers its sites) must not
     * wait for the compiling thread. It did: compile held the lock register needs.
     */
    @Test
    void compilingASiteWhileItsClassIsBeingLoadedAndWovenDoesNotDeadlock() throws Exception {
        RulesFile rules = rules(FIND);
        CacheRuntime runtime = new CacheRuntime(rules);
        Thread[] caller = new Thread[1];
        CountDownLatch loading = new CountDownLatch(1);
        GateLoader gate = new GateLoader(() -> {
            loading.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!waitsForThisClass(caller[0]) && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // until the first call, compiling, waits for this class
            }
            runtime.register(rule(rules, "find"), find(GateLoader.current())); // what the weaver does now
        });
        int site = runtime.register(rule(rules, "find"), find(gate));
        Thread loader = new Thread(() -> {
            try {
                gate.loadClass(StaleCatalog.class.getName());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        }, "loads the class");
        caller[0] = new Thread(() -> {
            try {
                loading.await();
                runtime.enter1(site, SELF, 1L); // the site's first call compiles it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "first call");
        for (Thread thread : List.of(loader, caller[0])) {
            thread.setDaemon(true); // left behind, not hanging the build, if they deadlock
            thread.start();
        }
        loader.join(10_000);
        caller[0].join(10_000);
        assertTrue(!loader.isAlive() && !caller[0].isAlive(), "deadlocked: " + loader.getState() + ", " + caller[0].getState());
    }

    private static boolean waitsForThisClass(Thread thread) {
        return thread.getState() == Thread.State.BLOCKED
                && List.of(thread.getStackTrace()).stream().anyMatch(frame -> frame.getMethodName().equals("forName0"));
    }

    /** Defines {@link StaleCatalog} itself and runs {@code whileLoading} holding its loading lock. */
    private static final class GateLoader extends ClassLoader {
        private static volatile GateLoader current;
        private final Hook whileLoading;

        interface Hook {
            void run() throws Exception;
        }

        GateLoader(Hook whileLoading) {
            super(SiteTableTest.class.getClassLoader());
            this.whileLoading = whileLoading;
            current = this;
        }

        static GateLoader current() {
            return current;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(StaleCatalog.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    whileLoading.run();
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (Exception e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }
}
