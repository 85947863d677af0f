package io.cacheweaver.rules;

import static io.cacheweaver.rules.Yamls.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per kind of problem, each asserting the exact line a user sees. */
class RulesLoaderErrorsTest {
    private static final String RULE = """
              - id: r
                method: com.x.Dao#find(long)
                cache: products
            """;

    private static List<String> one(String line) {
        return List.of(line);
    }

    @Test
    void unknownKeyListsAllowedKeys() {
        assertEquals(one("cache-rules.yaml:4:5: caches.products.tll: unknown key \"tll\"; allowed: ttl, jitter, cacheNulls, layers, local, refreshAfter, refreshIn, staleIfError, loadTimeout, warm"),
                problems("""
                        version: 1
                        caches:
                          products:
                            tll: 5m
                        """));
    }

    @Test
    void unknownTopLevelKey() {
        assertEquals(one("cache-rules.yaml:2:1: cache: unknown key \"cache\"; allowed: version, redis, defaults, caches, rules, metrics, http, cdn"),
                problems("version: 1\ncache: {}\n"));
    }

    @Test
    void badDurationInRule() {
        assertEquals(one("cache-rules.yaml:8:10: rules[0].ttl: invalid duration \"10 minutes\"; expected 500ms, 30s, 10m, 2h, 1d or ISO-8601"),
                problems("version: 1\ncaches:\n  products: {}\nrules:\n" + RULE + "    ttl: 10 minutes\n"));
    }

    @Test
    void duplicateKeyPointsAtSecondAndNamesFirst() {
        assertEquals(one("cache-rules.yaml:5:5: caches.products.ttl: duplicate key \"ttl\" (first at line 4)"),
                problems("""
                        version: 1
                        caches:
                          products:
                            ttl: 5m
                            ttl: 6m
                        """));
    }

    @Test
    void duplicateRuleId() {
        assertEquals(one("cache-rules.yaml:8:9: rules[1].id: duplicate rule id \"r\" (first at line 5)"),
                problems("version: 1\ncaches:\n  products: {}\nrules:\n" + RULE + RULE));
    }

    @Test
    void undeclaredCacheListsDeclaredOnes() {
        assertEquals(one("cache-rules.yaml:8:12: rules[0].cache: undeclared cache \"prodcts\"; declared: products, users"),
                problems("""
                        version: 1
                        caches:
                          products: {}
                          users: {}
                        rules:
                          - id: r
                            method: com.x.Dao#find(long)
                            cache: prodcts
                        """));
    }

    @Test
    void badSelectorShowsSelectorAndGrammar() {
        assertEquals(one("cache-rules.yaml:6:13: rules[0].method: invalid method selector \"com.x.Dao.find(long)\": "
                        + "missing '#' between class and method; expected <class>#<method>(<parameter types>), e.g. com.shop..*Dao#find*(long, String)"),
                problems("version: 1\ncaches:\n  products: {}\nrules:\n" + RULE.replace("com.x.Dao#find", "com.x.Dao.find")));
    }

    @Test
    void selectorWithUnqualifiedNonJavaLangType() {
        assertEquals(one("cache-rules.yaml:6:13: rules[0].method: invalid method selector \"com.x.Dao#find(List)\": "
                        + "unknown type \"List\": only primitives and java.lang classes may be written without a package;"
                        + " write the fully qualified name (e.g. java.util.List)"),
                problems("version: 1\ncaches:\n  products: {}\nrules:\n" + RULE.replace("(long)", "(List)")));
    }

    @Test
    void badExpressionPointsIntoTheString() {
        // column 11 is the opening quote; offset 5 is where a value is missing
        assertEquals(one("cache-rules.yaml:8:17: rules[0].when: invalid condition \"id ==\" at offset 5: "
                        + "expected a value (a path such as id or user.name, null, true, false, a number or 'text'), found the end"),
                problems("version: 1\ncaches:\n  products: {}\nrules:\n" + RULE + "    when: \"id ==\"\n"));
    }

    @Test
    void adjacentPlaceholders() {
        assertEquals(one("cache-rules.yaml:8:14: rules[0].key: invalid template \"{a}{b}\" at offset 3: "
                        + "placeholders must be separated by literal text so that keys stay unique"),
                problems("version: 1\ncaches:\n  products: {}\nrules:\n" + RULE + "    key: \"{a}{b}\"\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', value = {
            "key: '{3}' | 8:12 | key: invalid template \"{3}\" at offset 1",
            "key: 'p:{3.id}' | 8:14 | key: invalid template \"p:{3.id}\" at offset 3",
            "key: '{ args[3].name() }' | 8:13 | key: invalid template \"{ args[3].name() }\" at offset 2",
            "when: args[3] != null | 8:11 | when: invalid condition \"args[3] != null\" at offset 0",
            "unless: result == null || args[1] == null | 8:31 | unless: invalid condition \"result == null || args[1] == null\" at offset 18",
    })
    void positionBeyondTheSelectorsParametersIsAnError(String line, String at, String prefix) {
        assertEquals(one("cache-rules.yaml:" + at + ": rules[0]." + prefix + ": no parameter at position "
                        + (line.contains("args[1]") ? "1" : "3") + "; the method selector declares 1 parameter (long), positions: 0"),
                problems("version: 1\ncaches:\n  products: {}\nrules:\n" + RULE + "    " + line + "\n"));
    }

    @Test
    void positionInAPutValueOfAMethodWithoutParameters() {
        assertEquals(one("cache-rules.yaml:9:14: rules[0].value: invalid template \"{0}\" at offset 1: no parameter at position 0;"
                        + " the method selector declares no parameters"),
                problems("version: 1\ncaches:\n  products: {}\nrules:\n  - id: r\n    method: com.x.Dao#refresh()\n"
                        + "    cache: products\n    action: put\n    value: \"{0}\"\n"));
    }

    @Test
    void positionsAreNotCheckedWhenTheSelectorAllowsAnyParameters() throws RulesException {
        assertEquals(1, Yamls.load("version: 1\ncaches:\n  products: {}\nrules:\n  - id: r\n    method: com.x.Dao#find\n"
                + "    cache: products\n    key: '{3}:{args[7]}'\n").rules().size());
    }

    @Test
    void selectorNameThatIsNotAJavaIdentifierPointsAtIt() {
        assertEquals(one("cache-rules.yaml:6:26: rules[0].method: invalid method selector \"com.shop.Dao#find-by-id(long)\":"
                        + " invalid method name \"find-by-id\"; a method name must be " + SelectorParser.IDENTIFIER_RULE),
                problems("version: 1\ncaches:\n  products: {}\nrules:\n  - id: r\n    method: com.shop.Dao#find-by-id(long)\n"
                        + "    cache: products\n"));
        assertEquals(one("cache-rules.yaml:6:22: rules[0].method: invalid method selector \"com.shop.2Dao#find\":"
                        + " invalid class name \"com.shop.2Dao\": \"2Dao\" is not a Java identifier; each part between dots must be "
                        + SelectorParser.IDENTIFIER_RULE),
                problems("version: 1\ncaches:\n  products: {}\nrules:\n  - id: r\n    method: com.shop.2Dao#find\n"
                        + "    cache: products\n"));
    }

    @Test
    void resultInKey() {
        assertEquals(one("cache-rules.yaml:8:12: rules[0].key: invalid template \"{result.id}\" at offset 1: "
                        + "result is not available here; it can be used in unless: and in the value: of a put rule"),
                problems("version: 1\ncaches:\n  products: {}\nrules:\n" + RULE + "    key: '{result.id}'\n"));
    }

    @Test
    void resultInWhen() {
        assertEquals(one("cache-rules.yaml:8:11: rules[0].when: invalid condition \"result != null\" at offset 0: "
                        + "result is not available here; it can be used in unless: and in the value: of a put rule"),
                problems("version: 1\ncaches:\n  products: {}\nrules:\n" + RULE + "    when: result != null\n"));
    }

    @Test
    void unsetVariableWithoutDefault() {
        assertEquals(one("cache-rules.yaml:3:8: redis.url: environment variable REDIS_URL is not set and has no default;"
                        + " set it or write ${REDIS_URL:-default}"),
                problems("version: 1\nredis:\n  url: ${REDIS_URL}\n"));
    }

    @Test
    void yamlTagRejected() {
        assertEquals(one("cache-rules.yaml:3:13: caches.products: YAML tags are not allowed (found \"!foo\")"),
                problems("version: 1\ncaches:\n  products: !foo {ttl: 1m}\n"));
    }

    @Test
    void emptyFile() {
        String expected = "cache-rules.yaml:1:1: the rules file is empty; expected at least \"version: 1\" and \"rules:\"";
        assertEquals(one(expected), problems(""));
        assertEquals(one(expected), problems("# only a comment\n\n"));
    }

    @Test
    void syntaxErrorAtSnakeYamlMark() {
        assertEquals(one("cache-rules.yaml:2:10: invalid YAML: mapping values are not allowed here"),
                problems("version: 1\ncaches: a: b\n"));
    }

    @Test
    void zeroTtl() {
        assertEquals(one("cache-rules.yaml:4:10: caches.products.ttl: must be greater than zero, got \"0s\""),
                problems("version: 1\ncaches:\n  products:\n    ttl: 0s\n"));
    }

    @Test
    void negativeIsoCacheNulls() {
        assertEquals(one("cache-rules.yaml:4:17: caches.products.cacheNulls: must be greater than zero, got \"-PT1M\""),
                problems("version: 1\ncaches:\n  products:\n    cacheNulls: -PT1M\n"));
    }

    @Test
    void localTtlLongerThanTtl() {
        assertEquals(one("cache-rules.yaml:5:19: caches.products.local.ttl: local.ttl 2m is longer than ttl 1m of cache"
                        + " \"products\"; local.ttl may not exceed ttl"),
                problems("version: 1\ncaches:\n  products:\n    ttl: 1m\n    local: { ttl: 2m }\n"));
    }

    @Test
    void localTtlFromDefaultsLongerThanDefaultTtl() {
        assertEquals(one("cache-rules.yaml:3:17: defaults.local.ttl: local.ttl 1h is longer than ttl 10m (the default)"
                        + " of cache \"products\"; local.ttl may not exceed ttl"),
                problems("version: 1\ndefaults:\n  local: { ttl: 1h }\ncaches:\n  products: {}\n"));
    }

    @Test
    void redisLayerWithoutRedisSection() {
        assertEquals(one("cache-rules.yaml:4:14: caches.products.layers[0]: layer \"redis\" needs a redis: section with a url"),
                problems("version: 1\ncaches:\n  products:\n    layers: [redis]\n"));
    }

    @Test
    void valueOnEvict() {
        assertEquals(one("cache-rules.yaml:9:5: rules[0].value: value is only allowed with action: put or write-behind"),
                problems("version: 1\ncaches:\n  products: {}\nrules:\n" + RULE + "    action: evict\n    value: '{x}'\n"));
    }

    @Test
    void evictOnlyKeysOnCacheRule() {
        assertEquals(List.of("cache-rules.yaml:8:5: rules[0].allEntries: allEntries is only allowed with action: evict",
                        "cache-rules.yaml:9:5: rules[0].before: before is only allowed with action: evict"),
                problems("version: 1\ncaches:\n  products: {}\nrules:\n" + RULE + "    allEntries: true\n    before: true\n"));
    }

    @Test
    void keyWithAllEntries() {
        assertEquals(one("cache-rules.yaml:10:5: rules[0].key: key must be absent when allEntries is true"),
                problems("version: 1\ncaches:\n  products: {}\nrules:\n" + RULE
                        + "    action: evict\n    allEntries: true\n    key: '{id}'\n"));
    }

    @Test
    void ttlAndUnlessOnEvict() {
        assertEquals(List.of("cache-rules.yaml:9:5: rules[0].ttl: ttl is not allowed with action: evict",
                        "cache-rules.yaml:10:5: rules[0].unless: unless is not allowed with action: evict"),
                problems("version: 1\ncaches:\n  products: {}\nrules:\n" + RULE
                        + "    action: evict\n    ttl: 1m\n    unless: 'id == 1'\n"));
    }

    @Test
    void invalidAction() {
        assertEquals(one("cache-rules.yaml:8:13: rules[0].action: invalid action \"store\"; allowed: cache, put, evict, write-behind"),
                problems("version: 1\ncaches:\n  products: {}\nrules:\n" + RULE + "    action: store\n"));
    }

    @Test
    void missingRequiredRuleKeys() {
        assertEquals(List.of("cache-rules.yaml:5:5: rules[0]: missing required key \"method\"",
                        "cache-rules.yaml:5:5: rules[0]: missing required key \"cache\""),
                problems("version: 1\ncaches:\n  products: {}\nrules:\n  - id: r\n"));
    }

    @Test
    void versionMissing() {
        assertEquals(one("cache-rules.yaml:1:1: missing required key \"version\"; add \"version: 1\" at the top"),
                problems("caches:\n  products: {}\n"));
    }

    @Test
    void versionTwo() {
        assertEquals(one("cache-rules.yaml:1:10: version: unsupported version \"2\"; this agent reads version: 1"),
                problems("version: 2\n"));
    }

    @Test
    void badRedisUrlIsReportedRedacted() {
        List<String> lines = problems("version: 1\nredis:\n  url: redis://bob:s3cr/et@host:99999\n");
        assertEquals(one("cache-rules.yaml:3:8: redis.url: invalid redis url \"redis://bob:***@host:99999\";"
                + " expected redis://[user:password@]host:port[/db] or rediss://... for TLS"), lines);
    }

    @Test
    void redisClusterWithADatabaseOrABadFlag() {
        assertEquals(one("cache-rules.yaml:3:8: redis.url: a Redis Cluster has only database 0; remove \"/2\" from the url"
                        + " or set cluster: false"),
                problems("version: 1\nredis:\n  url: redis://h:7000/2\n  cluster: true\n"));
        assertEquals(one("cache-rules.yaml:3:12: redis.cluster: invalid boolean \"yes\"; expected true or false"),
                problems("version: 1\nredis:\n  cluster: yes\n  url: redis://h:7000\n"));
    }

    @Test
    void redisWithoutUrl() {
        assertEquals(one("cache-rules.yaml:3:3: redis: missing required key \"url\"; expected redis://[user:password@]host:port[/db]"),
                problems("version: 1\nredis:\n  keyPrefix: x\n"));
    }

    @Test
    void badJitterMaxEntriesLayersAndBoolean() {
        assertEquals(List.of(
                        "cache-rules.yaml:4:13: caches.products.jitter: invalid percentage \"150%\"; expected 0% to 100%, e.g. 10%",
                        "cache-rules.yaml:5:26: caches.products.local.maxEntries: invalid number \"0\"; expected a whole number greater than zero",
                        "cache-rules.yaml:6:13: caches.products.layers: layers must not be empty; allowed: local, redis",
                        "cache-rules.yaml:12:17: rules[0].allEntries: invalid boolean \"yes\"; expected true or false"),
                problems("""
                        version: 1
                        caches:
                          products:
                            jitter: 150%
                            local: { maxEntries: 0 }
                            layers: []
                        rules:
                          - id: r
                            method: com.x.Dao#find(long)
                            cache: products
                            action: evict
                            allEntries: yes
                        """));
    }

    @Test
    void unquotedTemplateHint() {
        assertEquals(one("cache-rules.yaml:8:10: rules[0].key: expected a template, found a mapping; quote it: key: \"{id}\""),
                problems("version: 1\ncaches:\n  products: {}\nrules:\n" + RULE + "    key: {id}\n"));
    }

    @Test
    void threeMistakesAreAllReportedInFileOrder() {
        assertEquals(List.of(
                        "cache-rules.yaml:4:10: caches.products.ttl: invalid duration \"10 minutes\"; expected 500ms, 30s, 10m, 2h, 1d or ISO-8601",
                        "cache-rules.yaml:7:5: rules[0].tll: unknown key \"tll\"; allowed: " + String.join(", ", RuleReader.KEYS),
                        "cache-rules.yaml:9:12: rules[0].cache: undeclared cache \"prodcts\"; declared: products"),
                problems("""
                        version: 1
                        caches:
                          products:
                            ttl: 10 minutes
                        rules:
                          - id: r
                            tll: 5m
                            method: com.x.Dao#find(long)
                            cache: prodcts
                        """));
    }
}
