package io.cacheweaver.it.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.it.redis.RedisExtension;
import io.cacheweaver.it.redis.RedisServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two demo instances over one database and one Redis (demo-app/cache-rules-redis.yaml): what one
 * instance loads the other serves without a query, and what one changes the other serves fresh.
 */
@ExtendWith(RedisExtension.class)
class DemoSharedRedisTest {
    /** Invalidations cross instances asynchronously (pub/sub); measured in milliseconds, allowed far more. */
    private static final long PROPAGATION_DEADLINE_MILLIS = 3_000;

    @TempDir
    Path dir;

    @Test
    void twoInstancesStayConsistent(RedisServer redis) throws Exception {
        String jdbc = "jdbc:h2:" + dir.resolve("shop").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        String agent = "rules=" + DemoServer.rules("cache-rules-redis.yaml");
        Map<String, String> env = Map.of("REDIS_URL", redis.url());
        try (DemoServer a = DemoServer.start(agent, List.of(), env, "--jdbc", jdbc);
             DemoServer b = DemoServer.start(agent, List.of(), env, "--jdbc", jdbc)) {
            String loadedByA = a.get("/products/7");
            assertTrue(loadedByA.startsWith("200 "), loadedByA + "\n" + a.output());
            long bQueries = b.dbQueries();
            assertEquals(loadedByA, b.get("/products/7"));
            assertEquals(bQueries, b.dbQueries(), "B served A's load from Redis, without a query\n" + b.output());

            assertEquals(200, a.send("PUT", "/products/7", "{\"price\":55.55}").statusCode());
            long waited = awaitOn(b, "/products/7", body -> body.contains("\"price\":55.55"));
            System.out.println("B served A's update " + waited + " ms after A's PUT returned");

            assertEquals(204, a.send("DELETE", "/products/7", null).statusCode());
            awaitOn(b, "/products/7", body -> body.startsWith("404"));

            String page = b.get("/products?category=garden");
            assertEquals(200, a.send("POST", "/import?count=2000", null).statusCode());
            awaitOn(b, "/products?category=garden", body -> !body.equals(page));
        }
    }

    /** Polls B until it serves what A wrote; returns how long that took. Fails past the deadline. */
    private static long awaitOn(DemoServer server, String path, Predicate<String> fresh) throws Exception {
        long start = System.nanoTime();
        String last;
        do {
            last = server.get(path);
            if (fresh.test(last)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - start < PROPAGATION_DEADLINE_MILLIS * 1_000_000);
        throw new AssertionError("instance B still serves stale data after " + PROPAGATION_DEADLINE_MILLIS + " ms: " + last
                + "\n" + server.output());
    }
}
