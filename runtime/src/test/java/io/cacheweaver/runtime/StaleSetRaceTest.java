package io.cacheweaver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.rules.RulesLoader;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cache-aside "stale set" race in one JVM (docs/redis.md, "Stale-set protection"): a load reads the source,
 * a writer changes the source and evicts (or puts), then the load finishes. Its value must not
 * be stored. The interleavings are forced with latches; the woven method is played by calling
 * the runtime's enter/exit around a body, as the advice does.
 */
class StaleSetRaceTest {
    private static final StaleCatalog SELF = new StaleCatalog();
    private final Map<Long, String> database = new ConcurrentHashMap<>();
    private CacheRuntime runtime;
    private int find;
    private int save;
    private int remove;
    private int reloadAll;

    @BeforeEach
    void setUp() throws Exception {
        RulesFile rules = new RulesLoader(name -> null).parse("test", """
                version: 1
                caches:
                  items: { ttl: 10m }
                rules:
                  - { id: find, method: "io.cacheweaver.runtime.StaleCatalog#find(long)", cache: items, key: "{id}" }
                  - { id: save, method: "io.cacheweaver.runtime.StaleCatalog#save(long, String)", cache: items, action: put, key: "{id}" }
                  - { id: remove, method: "io.cacheweaver.runtime.StaleCatalog#remove(long)", cache: items, action: evict, key: "{id}" }
                  - { id: reloadAll, method: "io.cacheweaver.runtime.StaleCatalog#reloadAll()", cache: items, action: evict, allEntries: true }
                """);
        runtime = new CacheRuntime(rules, Duration.ofSeconds(5));
        find = register(rules, "find", "(J)Ljava/lang/String;", List.of("id"), List.of("long"), "java.lang.String");
        save = register(rules, "save", "(JLjava/lang/String;)Ljava/lang/String;", List.of("id", "text"),
                List.of("long", "java.lang.String"), "java.lang.String");
        remove = register(rules, "remove", "(J)V", List.of("id"), List.of("long"), "void");
        reloadAll = register(rules, "reloadAll", "()V", List.of(), List.of(), "void");
    }

    private int register(RulesFile rules, String method, String descriptor, List<String> names, List<String> types,
                         String returnType) throws Exception {
        Rule rule = rules.rules().stream().filter(r -> r.id().equals(method)).findFirst().orElseThrow();
        return runtime.register(rule, new MethodShape(StaleCatalog.class.getName(), method, descriptor, names, types,
                returnType, false, new WeakReference<>(StaleCatalog.class.getClassLoader())));
    }

    /** What the woven method does: ask the advice, run the body on a miss, report the result. */
    private Object call(int site, Object[] args, Supplier<Object> body) {
        Object token = runtime.enter(site, SELF, args);
        if (token instanceof CacheHit hit) {
            return hit.value;
        }
        Object result = body.get();
        runtime.exit(site, token, result, null);
        return result;
    }

    private String find(long id) {
        return (String) call(find, new Object[] {id}, () -> database.get(id));
    }

    /** The application's write: change the source, then the evict rule runs on return. */
    private void update(long id, String value) {
        call(remove, new Object[] {id}, () -> database.put(id, value));
    }

    private long dropped() {
        return runtime.caches().get("items").stats().staleStoresDropped();
    }

    /** Runs {@code write} while a load of key 1 is between reading the source and storing. */
    private String interleave(Runnable write) throws Exception {
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);
        String[] loaded = new String[1];
        Thread reader = new Thread(() -> loaded[0] = (String) call(find, new Object[] {1L}, () -> {
            String value = database.get(1L);
            read.countDown();
            await(written);
            return value;
        }));
        reader.start();
        assertTrue(read.await(5, TimeUnit.SECONDS));
        write.run();
        written.countDown();
        reader.join(5_000);
        return loaded[0];
    }

    @Test
    void aLoadThatReadBeforeAnEvictDoesNotStoreItsValue() throws Exception {
        database.put(1L, "v1");
        String loaded = interleave(() -> update(1L, "v2"));
        assertEquals("v1", loaded, "the caller still gets what its own call read");
        assertEquals(1, dropped());
        AtomicBoolean ran = new AtomicBoolean();
        assertEquals("v2", call(find, new Object[] {1L}, () -> {
            ran.set(true);
            return database.get(1L);
        }));
        assertTrue(ran.get(), "a miss: the stale v1 was not stored");
        assertEquals("v2", find(1L));
    }

    @Test
    void aPutDuringALoadWins() throws Exception {
        database.put(1L, "v1");
        interleave(() -> call(save, new Object[] {1L, "v2"}, () -> {
            database.put(1L, "v2");
            return "v2";
        }));
        assertEquals("v2", call(find, new Object[] {1L}, () -> "the method must not run: the put is cached"));
    }

    @Test
    void anEvictAllDuringALoadDropsItsValue() throws Exception {
        database.put(1L, "v1");
        interleave(() -> call(reloadAll, new Object[0], () -> database.put(1L, "v2")));
        assertEquals("v2", find(1L));
    }

    @Test
    void anotherInstancesInvalidationDuringALoadDropsItsValue() throws Exception {
        database.put(1L, "v1");
        interleave(() -> {
            database.put(1L, "v2");
            runtime.caches().get("items").invalidateLocal("1"); // what the Redis invalidation message does
        });
        assertEquals("v2", find(1L));
    }

    @Test
    void aCallerArrivingAfterTheEvictDoesNotShareTheOlderLoad() throws Exception {
        database.put(1L, "v1");
        String[] after = new String[1];
        interleave(() -> {
            update(1L, "v2");
            after[0] = find(1L); // the older load is still blocked: joining it would return v1 (after 5 s)
        });
        assertEquals("v2", after[0]);
        assertEquals("v2", find(1L));
    }

    /**
     * The randomised run: 8 threads read and write a few keys; after each of many short rounds
     * (quiescence) every cached value must equal the source.
     */
    @Test
    void noStaleEntryAtQuiescenceAfterRandomRounds() throws Exception {
        int keys = 4;
        for (long k = 0; k < keys; k++) {
            database.put(k, "0");
        }
        AtomicInteger versions = new AtomicInteger();
        Object writers = new Object();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int stale = 0;
        try {
            for (int round = 0; round < 250; round++) { // 250 rounds x 8 threads x 40 calls = 80 000 calls
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    running.add(pool.submit(() -> randomCalls(keys, 40, versions, writers)));
                }
                for (Future<?> f : running) {
                    f.get(30, TimeUnit.SECONDS);
                }
                for (long k = 0; k < keys; k++) {
                    long id = k;
                    if (!database.get(k).equals(call(find, new Object[] {k}, () -> database.get(id)))) {
                        stale++;
                        update(k, database.get(k)); // start the next round clean
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, stale, "stale entries at quiescence");
    }

    private void randomCalls(int keys, int calls, AtomicInteger versions, Object writers) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < calls; i++) {
            long k = random.nextInt(keys);
            int op = random.nextInt(8);
            if (op <= 1) {
                // writers are serialised (a row lock): two writers racing each other is not the race under test
                synchronized (writers) {
                    String v = String.valueOf(versions.incrementAndGet());
                    if (op == 0) {
                        update(k, v);
                    } else {
                        call(save, new Object[] {k, v}, () -> {
                            database.put(k, v);
                            return v;
                        });
                    }
                }
            } else {
                call(find, new Object[] {k}, () -> {
                    String v = database.get(k);
                    Thread.yield(); // widen the window between reading the source and storing
                    return v;
                });
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
