package io.cacheweaver.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fixture.app.BatchConsole;
import io.cacheweaver.it.RulesFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch rules ({@code each}, rules-v1 §6) in a JVM with the real agent, without Redis: a bulk
 * lookup runs its body once with only the missing ids and returns every id in the caller's order;
 * entries are shared with the single-key rule; List, Set, array and Map shapes; absent ids;
 * concurrent overlapping batches load each id once. The fixture's bodies answer in descending id
 * order, so the caller's order can only come from the agent's merge.
 */
class BatchTest {
    static final String RULES = """
            version: 1
            caches:
              products: { ttl: 10m%s }
            rules:
              - id: product
                method: fixture.app.BatchCatalog#findById(long)
                cache: products
                key: "{id}"
              - id: products-list
                method: fixture.app.BatchCatalog#findByIds(java.util.Collection)
                cache: products
                each: ids
                resultKey: "{it.id}"
              - id: products-set
                method: fixture.app.BatchCatalog#findSet(java.util.Set)
                cache: products
                each: 0
                resultKey: "{it.id}"
              - id: products-array
                method: fixture.app.BatchCatalog#findByArray(long[])
                cache: products
                each: ids
                key: "{it}"
                resultKey: "{it.id}"
              - id: products-map
                method: fixture.app.BatchCatalog#findMap(java.util.List)
                cache: products
                each: ids
              - id: products-save
                method: fixture.app.BatchCatalog#saveAll(java.util.List)
                cache: products
                action: put
                each: products
                key: "{it.id}"
              - id: products-delete
                method: fixture.app.BatchCatalog#deleteAll(long[])
                cache: products
                action: evict
                each: ids
            """;

    @TempDir
    Path dir;

    private ChildJvm start(String cacheSettings) throws Exception {
        Path rules = RulesFiles.write(dir, RULES.formatted(cacheSettings));
        ChildJvm child = new ChildJvm(rules, List.of(), BatchConsole.class);
        child.await("ready", 30);
        return child;
    }

    private static String rule(String id, String attribute, ChildJvm child) throws InterruptedException {
        return child.send("mbean io.cacheweaver:type=Rule,name=" + id + " " + attribute, "mbean");
    }

    @Test
    void tenIdsWithSevenCachedRunTheBodyOnceWithTheThreeMissingAndReturnAllTenInTheCallersOrder() throws Exception {
        try (ChildJvm app = start("")) {
            for (long id : new long[] {1, 2, 3, 5, 6, 8, 10}) {
                assertEquals("p" + id + "-v1", app.send("one " + id, "value"));
            }
            app.send("asked");
            String all = "p10-v1,p9-v1,p8-v1,p7-v1,p6-v1,p5-v1,p4-v1,p3-v1,p2-v1,p1-v1";
            assertEquals(all, app.send("list 10,9,8,7,6,5,4,3,2,1", "value"), app.output());
            assertEquals("findByIds:[9, 7, 4]:ArrayList", app.send("asked", "asked"),
                    "the body saw exactly the missing ids, in the caller's order\n" + app.output());

            assertEquals(all, app.send("list 10,9,8,7,6,5,4,3,2,1", "value"));
            assertEquals("", app.send("asked", "asked"), "a fully cached call runs no body");
            assertEquals("p7-v1", app.send("one 7", "value"), "the batch stored 7 under the single-key rule's key");
            assertEquals("", app.send("asked", "asked"));
            assertEquals("1", app.send("calls", "calls.findByIds"));

            assertEquals("2", rule("products-list", "BatchCalls", app));
            assertEquals("20", rule("products-list", "BatchElements", app));
            assertEquals("17", rule("products-list", "BatchElementHits", app));
            assertEquals("1", rule("products-list", "CacheHits", app));
            assertEquals("1", rule("products-list", "CacheMisses", app));
            assertEquals("1", rule("products-list", "Loads", app));
            assertEquals("2", rule("products-list", "Invocations", app));
        }
    }

    @Test
    void setArrayAndMapShapesAndDuplicates() throws Exception {
        try (ChildJvm app = start("")) {
            for (long id : new long[] {2, 6, 9}) {
                app.send("one " + id);
            }
            app.send("asked");
            assertEquals("p3-v1,p1-v1,p2-v1", app.send("set 3,1,2", "value"));
            assertEquals("findSet:[3, 1]:LinkedHashSet", app.send("asked", "asked"), "a Set stays a Set");
            assertEquals("p7-v1,p6-v1,p5-v1", app.send("array 7,6,5", "value"));
            assertEquals("findByArray:[7, 5]:long[]", app.send("asked", "asked"), "an array stays an array");
            assertEquals("LinkedHashMap{9=p9-v1,8=p8-v1}", app.send("map 9,8", "value"));
            assertEquals("findMap:[8]:ArrayList", app.send("asked", "asked"));
            assertEquals("p8-v1,p1-v1,p7-v1,p2-v1", app.send("list 8,1,7,2", "value"), "elements loaded by every shape are shared");
            assertEquals("", app.send("asked", "asked"));
            assertEquals("p11-v1,p12-v1", app.send("list 11,11,12,11", "value"), "a duplicate appears once, at its first position");
            assertEquals("findByIds:[11, 12]:ArrayList", app.send("asked", "asked"), "and is loaded once");
        }
    }

    @Test
    void anIdTheSourceDoesNotReturnIsAbsentAndAskedAgainWithoutCacheNulls() throws Exception {
        try (ChildJvm app = start("")) {
            app.send("unknown 4");
            assertEquals("p3-v1,p5-v1", app.send("list 3,4,5", "value"));
            assertEquals("findByIds:[3, 4, 5]:ArrayList", app.send("asked", "asked"));
            assertEquals("p3-v1,p5-v1", app.send("list 3,4,5", "value"));
            assertEquals("findByIds:[4]:ArrayList", app.send("asked", "asked"), "absence is not cached without cacheNulls");
        }
    }

    @Test
    void withCacheNullsAnAbsentIdIsNotAskedAgain() throws Exception {
        try (ChildJvm app = start(", cacheNulls: 1m")) {
            app.send("unknown 4");
            assertEquals("p3-v1,p5-v1", app.send("list 3,4,5", "value"));
            app.send("asked");
            assertEquals("p3-v1,p5-v1", app.send("list 3,4,5", "value"));
            assertEquals("null", app.send("one 4", "value"), "the single-key rule reads the cached absence too");
            assertEquals("", app.send("asked", "asked"), "the absent id was not asked again");
        }
    }

    @Test
    void concurrentOverlappingBatchesAndASingleKeyCallLoadEachIdOnce() throws Exception {
        try (ChildJvm app = start("")) {
            app.send("hold");
            app.send("background a list 1,2,3,4,5,6");
            assertEquals("true", app.send("awaitEntered", "entered"), app.output());
            app.send("background b list 4,5,6,7,8,9");
            app.send("background c one 5");
            assertEquals("true", app.send("awaitBlocked", "blocked"), "b and c wait for a's load of 4, 5 and 6");
            app.send("release");
            assertEquals("background a=p1-v1,p2-v1,p3-v1,p4-v1,p5-v1,p6-v1", app.await("background a=", 10));
            assertEquals("background b=p4-v1,p5-v1,p6-v1,p7-v1,p8-v1,p9-v1", app.await("background b=", 10));
            assertEquals("background c=p5-v1", app.await("background c=", 10));
            assertEquals("findByIds:[1, 2, 3, 4, 5, 6]:ArrayList | findByIds:[7, 8, 9]:ArrayList", app.send("asked", "asked"),
                    "4, 5 and 6 were loaded once\n" + app.output());
            assertEquals("0", app.send("calls", "calls.findById"), "the single-key call took a's value");
        }
    }
}
