package io.cacheweaver.it.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo application with the agent and its shipped rules file, exercised over HTTP. */
class DemoEndToEndTest {

    @Test
    void repeatedReadsStayOffTheDatabaseAndWritesAreVisibleOnTheNextRead() throws Exception {
        try (DemoServer demo = DemoServer.start("rules=" + DemoServer.rules("cache-rules.yaml"), List.of())) {
            exercise(demo);
        }
    }

    @Test
    void withoutTheAgentEveryReadReachesTheDatabase() throws Exception {
        try (DemoServer demo = DemoServer.start(null, List.of())) {
            demo.get("/products/7");
            long before = demo.dbQueries();
            demo.get("/products/7");
            demo.get("/products/7");
            assertEquals(before + 2, demo.dbQueries(), "the baseline: proves the cached assertions can fail");
        }
    }

    @Test
    void theDemoAlsoRunsAgainstPostgresql() throws Exception {
        assumeTrue(reachable("127.0.0.1", 5432), "no PostgreSQL on 127.0.0.1:5432: skipping the PostgreSQL variant");
        try (DemoServer demo = DemoServer.start("rules=" + DemoServer.rules("cache-rules.yaml"), List.of(),
                "--jdbc", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres")) {
            exercise(demo);
        }
    }

    private static void exercise(DemoServer demo) throws Exception {
        // a fresh catalog (PostgreSQL keeps the previous run's deletes), and a cached read it must replace
        String stale = demo.get("/products/7");
        assertEquals(200, demo.send("POST", "/import?count=2000", null).statusCode(), demo.output());
        String first = demo.get("/products/7");
        assertTrue(!first.equals(stale) || stale.startsWith("404"), "the import evicted every cached entry: " + first);
        assertTrue(first.startsWith("200 {\"id\":7,"), first + "\n" + demo.output());
        long afterFirst = demo.dbQueries();
        for (int i = 0; i < 5; i++) {
            assertEquals(first, demo.get("/products/7"));
        }
        assertEquals(afterFirst, demo.dbQueries(), "repeated reads by id must not reach the database");

        String page = demo.get("/products?category=garden");
        long afterPage = demo.dbQueries();
        assertEquals(page, demo.get("/products?category=garden"));
        assertEquals(afterPage, demo.dbQueries(), "a repeated category page must not reach the database");

        // the batch lookup shares entries with findById: 7 is cached, so only 8 and 9 are queried (once)
        long beforeBatch = demo.dbQueries();
        String several = demo.get("/products?ids=9,7,8");
        assertEquals(beforeBatch + 1, demo.dbQueries(), "one IN (...) query for the ids not cached");
        assertTrue(several.startsWith("200 [{\"id\":9,") && several.indexOf("\"id\":7") < several.indexOf("\"id\":8"),
                "in the order asked: " + several);
        assertTrue(several.contains(first.substring(4)), "7 is the product read by id: " + several);
        long afterBatch = demo.dbQueries();
        assertEquals(several, demo.get("/products?ids=9,7,8"));
        assertEquals("200 [" + first.substring(4) + "]", demo.get("/products?ids=7"));
        assertEquals(afterBatch, demo.dbQueries(), "ids read in a batch are cached one by one");

        assertEquals(200, demo.send("PUT", "/products/7", "{\"price\":12.34}").statusCode());
        String updated = demo.get("/products/7");
        assertTrue(updated.contains("\"price\":12.34"), "the update is visible on the next read: " + updated);

        assertEquals(204, demo.send("DELETE", "/products/7", null).statusCode());
        assertTrue(demo.get("/products/7").startsWith("404"), "the delete is visible on the next read");
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
