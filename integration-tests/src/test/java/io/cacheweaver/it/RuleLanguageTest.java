package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.RuleLanguageScenarios;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** put, evict, selectors in full and result shapes, in forked JVMs with the real agent jar. */
class RuleLanguageTest {
    @TempDir
    Path dir;

    private ForkedJvm.Result run(String yaml, String scenario) {
        Path rules = RulesFiles.write(dir, "version: 1\n" + yaml);
        return ForkedJvm.withAgent(rules, RuleLanguageScenarios.class, scenario).assertSuccess();
    }

    private static final String STORE_RULES = """
            caches:
              products: { cacheNulls: 1m }
              lists: {}
            rules:
              - id: find
                method: fixture.app.ProductStore#find(long)
                cache: products
                key: "{id}"
              - id: all
                method: fixture.app.ProductStore#all
                cache: lists
              - id: save
                method: fixture.app.ProductStore#save*(fixture.app.Product)
                cache: products
                action: put
                key: "{product.id}"
                value: "{product}"
              - id: save-clears-lists
                method: fixture.app.ProductStore#save(..)
                cache: lists
                action: evict
                allEntries: true
              - id: delete
                method: fixture.app.ProductStore#delete*(long)
                cache: products
                action: evict
                key: "{0}"
              - id: purge
                method: fixture.app.ProductStore#purge
                cache: products
                action: evict
                before: true
                key: "{id}"
              - id: import
                method: fixture.app.ProductStore#importAll
                cache: products
                action: evict
                allEntries: true
            """;

    @Test
    void putStoresEvictRemovesAndAllEntriesClears() {
        ForkedJvm.Result result = run(STORE_RULES, "writes");
        assertEquals("1:lamp:10.0", result.value("afterPut"));
        assertEquals(0, result.intValue("readsAfterPut"), "the put made the read a hit");
        assertEquals("1", result.value("listBefore"));
        assertEquals("2", result.value("listAfterSave"), "save also evicted the list cache");
        assertEquals("null", result.value("afterDelete"));
        assertEquals(1, result.intValue("readsAfterDelete"), "after the evict the read ran again");
        assertEquals("2:desk v2:120.0", result.value("afterImport"), "importAll cleared every entry");
        assertEquals(2, result.intValue("calls.all"));
    }

    @Test
    void aWriteThatThrowsLeavesTheCacheAloneUnlessEvictingBefore() {
        ForkedJvm.Result result = run(STORE_RULES, "failedWrites");
        assertEquals("constraint violated for 1", result.value("saveError"));
        assertEquals("1:lamp:10.0", result.value("afterFailedPut"), "a failed put stores nothing");
        assertEquals("cannot delete 1", result.value("deleteError"));
        assertEquals("1:lamp:10.0", result.value("afterFailedEvict"), "a failed evict removes nothing");
        assertEquals(0, result.intValue("readsBeforePurge"), "everything so far came from the cache");
        assertEquals("purged 1 but the audit log failed", result.value("purgeError"));
        assertEquals("null", result.value("afterPurge"), "before: true evicted although the method threw");
        assertEquals(1, result.intValue("calls.find"));
    }

    @Test
    void subtypeSelectorsCoverImplementationsLoadedLaterDefaultMethodsAndInheritedMethods() {
        ForkedJvm.Result result = run("""
                caches:
                  repos: {}
                rules:
                  - id: load
                    method: fixture.app.Repository+#load(long)
                    cache: repos
                    key: "{this.class.simpleName}:{id}"
                  - id: label
                    method: fixture.app.Repository+#label
                    cache: repos
                    key: "label:{this.class.simpleName}:{0}"
                  - id: region
                    method: fixture.app.AbstractOrders+#region
                    cache: repos
                    key: "region:{0}"
                """, "subtypes");
        assertEquals(1, result.intValue("calls.users.load"));
        assertEquals(1, result.intValue("calls.orders.load"));
        assertEquals("OrderRepository#5,OrderRepository#5,UserRepository#5", result.value("label"));
        assertEquals(2, result.intValue("calls.label"), "default method cached per implementing class");
        assertEquals(1, result.intValue("calls.region"));
        assertTrue(result.output().contains("rule label: caches in \"repos\" on fixture.app.Repository#label(long)"),
                result.output());
    }

    @Test
    void parameterListsTellOverloadsApart() {
        ForkedJvm.Result result = run("""
                caches:
                  finder: {}
                rules:
                  - id: by-long
                    method: fixture.app.Finder#find(long)
                    cache: finder
                """, "overloads");
        assertEquals(1, result.intValue("calls.find(long)"));
        assertEquals(3, result.intValue("calls.find(String)"));
    }

    @Test
    void recordsOptionalsAndGenericCollectionsComeBackEqual() {
        ForkedJvm.Result result = run("""
                caches:
                  finder: {}
                rules:
                  - id: dimensions
                    method: fixture.app.Finder#dimensions
                    cache: finder
                    key: "d:{0}"
                  - id: nickname
                    method: fixture.app.Finder#nickname
                    cache: finder
                    key: "n:{0}"
                  - id: histogram
                    method: fixture.app.Finder#histogram
                    cache: finder
                    key: "h:{0}"
                """, "shapes");
        assertEquals("Dimensions[width=3, height=6, unit=cm];Optional[nick-3];Optional.empty;{k=[1, 2, 3]}",
                result.value("first"));
        assertEquals(result.value("first"), result.value("second"));
        assertEquals(1, result.intValue("calls.dimensions"));
        assertEquals(3, result.intValue("calls.nickname"), "Optional.empty() is absent, like null: not cached without cacheNulls");
        assertEquals(1, result.intValue("calls.histogram"));
    }

    @Test
    void futuresAreSharedInFlightCachedWhenCompleteAndNeverCachedWhenFailed() {
        ForkedJvm.Result result = run("""
                caches:
                  quotes: {}
                rules:
                  - id: quote
                    method: fixture.app.Finder#quote
                    cache: quotes
                    key: "q:{id}"
                  - id: bad
                    method: fixture.app.Finder#badQuote
                    cache: quotes
                    key: "b:{id}"
                """, "async");
        assertEquals("40.0,40.0", result.value("shared"));
        assertEquals("true:40.0", result.value("completedOnHit"));
        assertEquals(1, result.intValue("calls.quote"));
        assertEquals("market closed for 1", result.value("bad0"));
        assertEquals("market closed for 1", result.value("bad1"));
        assertEquals(2, result.intValue("calls.badQuote"));
    }

    @Test
    void anExpressionNamingAMissingPropertyIsRejectedWhenWovenAndTheMethodRunsUncached() {
        Path rules = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: {}
                rules:
                  - id: by-customer
                    method: fixture.app.Catalog#byCustomer
                    cache: items
                    key: "{customer.nmae}"
                """);
        ForkedJvm.Result result = ForkedJvm.withAgent(rules, fixture.app.Scenarios.class, "conditions").assertSuccess();
        assertTrue(result.output().contains("[cacheweaver] ERROR rule by-customer (" + rules + ":8:5): cannot apply to"
                + " fixture.app.Catalog#byCustomer(fixture.app.Customer): \"customer.nmae\": no property \"nmae\";"
                + " available: id, name, tier, vip of fixture.app.Customer; the method runs uncached"), result.output());
        assertEquals(4, result.intValue("calls.byCustomer"), "uncached, but correct");
    }

    @Test
    void aSecondCacheRuleOnOneMethodIsRejectedAndTheFirstKeepsCaching() {
        ForkedJvm.Result result = run("""
                caches:
                  finder: {}
                  other: {}
                rules:
                  - id: first
                    method: fixture.app.Finder#find(long)
                    cache: finder
                  - id: second
                    method: fixture.app.Finder#find(..)
                    cache: other
                """, "overloads");
        assertTrue(result.output().contains("rule second (") && result.output().contains(
                "cannot apply to fixture.app.Finder#find(long): the method is already cached by rule first;"
                        + " a method can have one cache rule (put and evict rules may be added freely)"), result.output());
        assertFalse(result.output().contains("Byte Buddy weaves from now on"), "the lean weaver weaves both: " + result.output());
        assertEquals(1, result.intValue("calls.find(long)"), "the first rule still caches");
        assertEquals(1, result.intValue("calls.find(String)"), "the second rule still applies where it is alone");
    }
}
