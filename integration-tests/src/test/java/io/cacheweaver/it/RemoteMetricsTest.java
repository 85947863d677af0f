package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fixture.app.ObservedApp;
import io.cacheweaver.it.redis.RedisExtension;
import io.cacheweaver.it.redis.RedisServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Redis call latency: recorded per cache and operation, exported, and a slow call logged (the test's redis-server is frozen briefly). */
@ExtendWith(RedisExtension.class)
class RemoteMetricsTest {
    private static final long FROZEN_MILLIS = 400;

    @TempDir
    Path dir;

    private static long slowLines(LiveJvm app) {
        return app.output().lines().filter(l -> l.contains("slow redis call")).count();
    }

    @Test
    void redisLatencyIsRecordedAndASlowCallIsLogged(RedisServer redis) throws Exception {
        assumeTrue(redis.isLocalProcess(), "freezes its own redis-server");
        Path rules = RulesFiles.write(dir, """
                version: 1
                redis: { url: "%s", keyPrefix: "remote-metrics:", timeout: 5s }
                metrics:
                  prometheus: { port: 0 }
                  slowRemote: 100ms
                caches:
                  prices: { ttl: 10m, layers: [redis] }
                rules:
                  - id: price
                    method: fixture.app.PriceBook#price(long)
                    cache: prices
                    key: "{id}"
                """.formatted(redis.url()));
        try (LiveJvm app = LiveJvm.start("rules=" + rules, List.of("-Dcacheweaver.jmx.delay=100ms"), ObservedApp.class)) {
            assertTrue(app.send("price 1").endsWith("calls=1"));  // miss: GET, then stored with SET
            assertTrue(app.send("price 1").endsWith("calls=1"));  // a Redis hit: GET
            // the first calls may be slow too (connecting, class loading on a busy machine): their line, if any,
            // must not hide the frozen call's, and the report allows one line per cache and operation per second
            long before = slowLines(app);
            Thread.sleep(1_100);

            redis.freeze();
            CompletableFuture<Void> thaw = CompletableFuture.runAsync(() -> {
                try {
                    redis.thaw();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, CompletableFuture.delayedExecutor(FROZEN_MILLIS, TimeUnit.MILLISECONDS));
            assertTrue(app.send("price 1").endsWith("calls=1"), "answered from Redis once it woke up");
            thaw.get(10, TimeUnit.SECONDS);

            app.await("the slow call line", () -> slowLines(app) > before);
            String line = app.output().lines().filter(l -> l.contains("slow redis call")).toList().get((int) before);
            Matcher slow = Pattern.compile("slow redis call: cache prices, operation get, took (\\d+) microseconds").matcher(line);
            assertTrue(slow.find(), app.output());
            assertTrue(Long.parseLong(slow.group(1)) >= 300_000, "the frozen call: " + line);
            assertEquals(before + 1, slowLines(app), "one line for the frozen call:\n" + app.output());
            assertTrue(!line.contains("price-1") && !line.contains("remote-metrics:"), "never a value or a key: " + line);

            MBeanServerConnection jmx = app.jmx();
            String cache = "io.cacheweaver:type=Cache,name=prices";
            app.await("the Cache MBean", () -> JmxTest.registered(jmx, cache));
            assertTrue((Double) JmxTest.attr(jmx, cache, "RemoteTimeP99") >= 100_000, "p99 covers the frozen call");
            assertEquals(0L, JmxTest.attr(jmx, cache, "RemoteErrors"));

            app.await("the metrics endpoint", () -> app.output().contains("Prometheus endpoint at"));
            PrometheusPage page = PrometheusPage.scrape(PrometheusPage.portFrom(app.output()));
            double gets = page.value("cacheweaver_remote_duration_seconds_count", "cache", "prices", "op", "get");
            assertTrue(gets >= 3, "three reads at least: " + gets);
            List<Double> buckets = page.buckets("cacheweaver_remote_duration_seconds", "cache", "prices", "op", "get");
            assertEquals(gets, buckets.get(buckets.size() - 1));
            assertTrue(buckets.get(9) < gets, "le=0.1: the frozen call is above it: " + buckets);
            assertTrue(page.value("cacheweaver_remote_duration_seconds_sum", "cache", "prices", "op", "get") >= 0.1);
            assertTrue(page.value("cacheweaver_remote_duration_seconds_count", "cache", "prices", "op", "set") >= 1);
            assertEquals(0.0, page.value("cacheweaver_remote_duration_seconds_count", "cache", "prices", "op", "incr"),
                    "known operations exist at 0");
            assertEquals(0.0, page.value("cacheweaver_remote_errors_total", "cache", "prices"));
            assertEquals(2.0, page.value("cacheweaver_cache_hits_total", "cache", "prices", "layer", "remote"));
        }
    }
}
