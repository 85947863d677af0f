package io.cacheweaver.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stats command's arguments and formatting; reading a live JVM is in the integration tests. */
class StatsCommandTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new StatsCommand(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void usageMistakesExitWithTwo() {
        assertEquals(2, run());
        assertEquals(2, run("123", "--watch", "soon"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("invalid --watch interval \"soon\""), err.toString());
        assertEquals(2, run("123", "--csv"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown argument: --csv"));
    }

    @Test
    void timesReadAsAPersonReadsThem() {
        assertEquals("-", StatsSnapshot.micros(0.0));
        assertEquals("-", StatsSnapshot.micros(null));
        assertEquals("850 us", StatsSnapshot.micros(850.2));
        assertEquals("12.3 ms", StatsSnapshot.micros(12_345.0));
        assertEquals("2.10 s", StatsSnapshot.micros(2_100_000.0));
    }

    @Test
    void theTableAlignsAndLeavesOutWhatWasNotMeasured() {
        Map<String, Object> cache = new LinkedHashMap<>();
        cache.put("CacheGets", 0L);
        cache.put("CacheHitPercentage", 0.0);
        cache.put("LocalSize", 0L);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("Invocations", 10L);
        rule.put("CacheHits", 9L);
        rule.put("CacheMisses", 1L);
        StatsSnapshot snapshot = new StatsSnapshot(List.of(new StatsSnapshot.Row("products", cache)),
                List.of(new StatsSnapshot.Row("product-by-id", rule)));
        List<String> lines = snapshot.table().lines().toList();
        assertEquals(lines.get(0).length(), lines.get(1).length(), snapshot.table());
        assertTrue(lines.get(1).matches("products +0 +- +0 +- +- +- +- +-"), lines.get(1));
        assertTrue(lines.get(4).matches("product-by-id +10 +90\\.0 +- +- +- +- +-"), lines.get(4));
        assertTrue(snapshot.json().contains("\"rule\":\"product-by-id\",\"invocations\":10,\"cacheHits\":9"), snapshot.json());
        assertTrue(snapshot.json().contains("\"hitPercentage\":90.0"), snapshot.json());
    }
}
