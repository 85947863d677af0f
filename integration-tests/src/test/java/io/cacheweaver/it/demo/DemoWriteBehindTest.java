package io.cacheweaver.it.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's page-view counter (POST /views/{id}) under the shipped write-behind rule. */
class DemoWriteBehindTest {

    @Test
    void aHundredPageViewsCostAFewUpdatesAndTheTotalIsReadBackAtOnce() throws Exception {
        try (DemoServer demo = DemoServer.start("rules=" + DemoServer.rules("cache-rules.yaml"), List.of())) {
            long before = demo.dbQueries();
            for (int i = 1; i <= 100; i++) {
                assertEquals("200 {\"id\":7,\"views\":" + i + "}", demo.get("POST", "/views/7"), demo.output());
            }
            assertEquals("200 {\"id\":7,\"views\":100}", demo.get("GET", "/views/7"), "the pending total is read back");
            long queries = demo.dbQueries() - before;
            assertTrue(queries < 10, "one read of the stored total and a few coalesced UPDATEs, not 100: " + queries);
        }
    }

    @Test
    void withoutTheAgentEveryPageViewIsAnUpdate() throws Exception {
        try (DemoServer demo = DemoServer.start(null, List.of())) {
            long before = demo.dbQueries();
            for (int i = 1; i <= 20; i++) {
                demo.get("POST", "/views/7");
            }
            assertTrue(demo.dbQueries() - before >= 20, "the baseline: proves the assertion above can fail");
        }
    }
}
