package io.cacheweaver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.rules.RulesLoader;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batch handler's protocol without an agent: the test plays the woven method (enter, the
 * arguments the advice would swap in, the body, complete), as the advice does.
 */
class BatchHandlerTest {
    private static final BatchDao SELF = new BatchDao();
    private CacheRuntime runtime;
    private int list;
    private int map;
    private int one;
    private int removeAll;
    private final List<Object> bodyArguments = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        RulesFile rules = new RulesLoader(name -> null).parse("test", """
                version: 1
                caches:
                  items: { ttl: 10m }
                rules:
                  - { id: list, method: "io.cacheweaver.runtime.BatchDao#findByIds(java.util.Collection)", cache: items,
                      each: ids, resultKey: "{it.id}", when: "ids.size() < 100", unless: "result.size() == 1" }
                  - { id: map, method: "io.cacheweaver.runtime.BatchDao#findMap(java.util.Set)", cache: items, each: 0 }
                  - { id: one, method: "io.cacheweaver.runtime.BatchDao#find(long)", cache: items, key: "{id}" }
                  - { id: removeAll, method: "io.cacheweaver.runtime.BatchDao#removeAll(long[])", cache: items,
                      action: evict, each: ids }
                """);
        runtime = new CacheRuntime(rules, Duration.ofSeconds(5));
        list = register(rules, "list", "findByIds", "(Ljava/util/Collection;)Ljava/util/List;", List.of("ids"),
                List.of("java.util.Collection"), "java.util.List");
        map = register(rules, "map", "findMap", "(Ljava/util/Set;)Ljava/util/Map;", List.of("ids"),
                List.of("java.util.Set"), "java.util.Map");
        one = register(rules, "one", "find", "(J)Lio/cacheweaver/runtime/BatchDao$Item;", List.of("id"), List.of("long"),
                "io.cacheweaver.runtime.BatchDao$Item");
        removeAll = register(rules, "removeAll", "removeAll", "([J)V", List.of("ids"), List.of("long[]"), "void");
    }

    private int register(RulesFile rules, String id, String method, String descriptor, List<String> names, List<String> types,
                         String returnType) throws Exception {
        Rule rule = rules.rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        return runtime.register(rule, new MethodShape(BatchDao.class.getName(), method, descriptor, names, types, returnType,
                false, new WeakReference<>(BatchDao.class.getClassLoader())));
    }

    /** What the woven method does: enter, swap in the arguments, run the body, complete. */
    private Object call(int site, Object argument, Function<Object, Object> body) {
        Object[] args = {argument};
        Object token = runtime.enter(site, SELF, args);
        if (token instanceof CacheHit hit) {
            return hit.value;
        }
        Object[] replaced = runtime.arguments(site, token);
        Object seen = replaced == null ? argument : replaced[0];
        bodyArguments.add(seen);
        Object result = body.apply(seen);
        Object outcome = runtime.complete(site, token, result, null);
        return outcome instanceof CacheHit hit ? hit.value : result;
    }

    @SuppressWarnings("unchecked")
    private static Object items(Object ids) {
        List<BatchDao.Item> found = new ArrayList<>();
        for (long id : (Collection<Long>) ids) {
            if (id != 404) {
                found.add(0, new BatchDao.Item(id, "i" + id)); // the body's own order: reversed
            }
        }
        return found;
    }

    private List<?> findByIds(Long... ids) {
        return (List<?>) call(list, new ArrayList<>(List.of(ids)), BatchHandlerTest::items);
    }

    @Test
    void onlyTheMissingIdsReachTheBodyAndTheCallerGetsItsOwnOrder() {
        assertEquals(3, findByIds(1L, 2L, 3L).size());
        List<?> all = findByIds(5L, 3L, 4L, 1L);
        assertEquals(List.of(new BatchDao.Item(5, "i5"), new BatchDao.Item(3, "i3"), new BatchDao.Item(4, "i4"),
                new BatchDao.Item(1, "i1")), all);
        assertEquals(List.of(5L, 4L), bodyArguments.get(1));
        assertInstanceOf(ArrayList.class, bodyArguments.get(1));
        assertEquals(4, findByIds(1L, 3L, 4L, 5L).size());
        assertEquals(2, bodyArguments.size(), "fully cached: no body");
        Object single = call(one, 4L, id -> { throw new AssertionError("the single-key rule reads the batch's entry"); });
        assertEquals(new BatchDao.Item(4, "i4"), single);
    }

    @Test
    void whenFalseRunsTheMethodAsIsAndUnlessSeesTheMergedResult() {
        List<Long> many = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            many.add(i);
        }
        Object result = call(list, many, BatchHandlerTest::items);
        assertEquals(100, ((List<?>) result).size());
        assertSame(many, bodyArguments.get(0), "when false: the caller's own argument");
        assertEquals(List.of(new BatchDao.Item(7, "i7")), findByIds(7L));
        assertEquals(List.of(new BatchDao.Item(7, "i7")), findByIds(7L));
        assertEquals(3, bodyArguments.size(), "unless (a single result) stored nothing");
    }

    @Test
    void absentIdsAreLeftOutAndDuplicatesLoadedOnce() {
        assertEquals(List.of(new BatchDao.Item(2, "i2"), new BatchDao.Item(1, "i1")), findByIds(2L, 404L, 2L, 1L));
        assertEquals(List.of(2L, 404L, 1L), bodyArguments.get(0));
        findByIds(2L, 404L, 1L);
        assertEquals(List.of(404L), bodyArguments.get(1), "absence is not cached without cacheNulls");
    }

    @Test
    void aSortedSetStaysSortedWithItsComparatorAndAMapResultIsInTheCallersOrder() {
        call(map, new TreeSet<>(Set.of(2L)), ids -> Map.of(2L, new BatchDao.Item(2, "i2")));
        TreeSet<Long> descending = new TreeSet<>(Comparator.reverseOrder());
        descending.addAll(List.of(1L, 2L, 3L));
        @SuppressWarnings("unchecked")
        Map<Long, BatchDao.Item> result = (Map<Long, BatchDao.Item>) call(map, descending, ids -> {
            Map<Long, BatchDao.Item> found = new LinkedHashMap<>();
            for (Object id : (Collection<?>) ids) {
                found.put((Long) id, new BatchDao.Item((Long) id, "i" + id));
            }
            return found;
        });
        TreeSet<?> asked = (TreeSet<?>) bodyArguments.get(1);
        assertEquals(List.of(3L, 1L), new ArrayList<>(asked));
        assertTrue(asked.comparator() != null, "the caller's comparator");
        assertEquals(List.of(3L, 2L, 1L), new ArrayList<>(result.keySet()));
        assertInstanceOf(LinkedHashMap.class, result);
    }

    @Test
    void anEvictEachDuringALoadKeepsTheLoadedValueOutOfTheCache() {
        List<Long> ids = new ArrayList<>(List.of(8L, 9L));
        Object[] args = {ids};
        Object token = runtime.enter(list, SELF, args);
        Object result = items(ids);
        call(removeAll, new long[] {9L}, x -> null); // a write of 9 while the load ran
        runtime.complete(list, token, result, null);
        findByIds(8L, 9L);
        assertEquals(List.of(9L), bodyArguments.get(1), "8 was stored, 9 was not");
        assertEquals(1, runtime.caches().get("items").stats().staleStoresDropped());
        assertNull(runtime.arguments(list, null));
    }
}
