package io.cacheweaver.rules;

import static io.cacheweaver.rules.Yamls.load;
import static io.cacheweaver.rules.Yamls.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** action: write-behind and its writeBehind settings: values, defaults, and every bad value at its key. */
class WriteBehindRulesTest {

    @Test
    void settingsAreReadAndTheOthersDefault() throws RulesException {
        RulesFile rules = load("""
                version: 1
                caches:
                  stock: {}
                rules:
                  - id: stock-write
                    method: com.shop.StockDao#updateStock(String, int)
                    cache: stock
                    action: write-behind
                    key: "{0}"
                    value: "{1}"
                    writeBehind: { delay: 250ms, retries: 0 }
                  - id: stock-plain
                    method: com.shop.StockDao#reset(String)
                    cache: stock
                    action: write-behind
                  - id: stock-read
                    method: com.shop.StockDao#stock(String)
                    cache: stock
                """);
        Rule write = rules.rules().get(0);
        assertEquals(Action.WRITE_BEHIND, write.action());
        assertEquals("{1}", write.value().text());
        assertEquals(new WriteBehind(Duration.ofMillis(250), 10_000, 0, Duration.ofSeconds(10)), write.writeBehind());
        assertEquals(WriteBehind.DEFAULTS, rules.rules().get(1).writeBehind());
        assertEquals(new WriteBehind(Duration.ofSeconds(1), 10_000, 3, Duration.ofSeconds(10)), WriteBehind.DEFAULTS);
        assertNull(rules.rules().get(2).writeBehind(), "other actions have no write-behind settings");
    }

    @Test
    void everyBadValueIsReportedAtItsKey() {
        assertEquals(List.of(
                "cache-rules.yaml:9:27: rules[0].writeBehind.delay: invalid duration \"soon\"; expected 500ms, 30s, 10m, 2h, 1d or ISO-8601",
                "cache-rules.yaml:9:43: rules[0].writeBehind.maxQueue: invalid number \"0\"; expected a whole number greater than zero",
                "cache-rules.yaml:9:55: rules[0].writeBehind.retries: invalid retries \"-1\"; expected a whole number from 0 to 100",
                "cache-rules.yaml:9:73: rules[0].writeBehind.flushTimeout: must be greater than zero, got \"0s\"",
                "cache-rules.yaml:9:77: rules[0].writeBehind.batch: unknown key \"batch\"; allowed: delay, maxQueue, retries, flushTimeout",
                "cache-rules.yaml:10:5: rules[0].unless: unless is not allowed with action: write-behind (the call returns before"
                        + " the method runs)",
                "cache-rules.yaml:15:5: rules[1].writeBehind: writeBehind is only allowed with action: write-behind"),
                problems("""
                        version: 1
                        caches:
                          stock: {}
                        rules:
                          - id: a
                            method: com.shop.StockDao#update(..)
                            cache: stock
                            action: write-behind
                            writeBehind: { delay: soon, maxQueue: 0, retries: -1, flushTimeout: 0s, batch: 5 }
                            unless: "result == null"
                          - id: b
                            method: com.shop.StockDao#save(..)
                            cache: stock
                            action: put
                            writeBehind: { delay: 1s }
                        """));
    }

    @Test
    void theActionIsNamedInTheListOfAllowedOnes() {
        assertEquals(List.of("cache-rules.yaml:8:13: rules[0].action: invalid action \"write_behind\"; allowed: cache, put, evict,"
                        + " write-behind"),
                problems("""
                        version: 1
                        caches:
                          stock: {}
                        rules:
                          - id: a
                            method: com.shop.StockDao#update(..)
                            cache: stock
                            action: write_behind
                        """));
    }
}
