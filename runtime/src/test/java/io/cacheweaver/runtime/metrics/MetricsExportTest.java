package io.cacheweaver.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.rules.RulesLoader;
import io.cacheweaver.runtime.CacheRuntime;
import io.cacheweaver.runtime.MethodShape;
import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page the endpoint serves, from a runtime driven through its entry points; and the histogram underneath. */
class MetricsExportTest {
    /** The method the site stands for; never called: the test plays the woven code. */
    public static String find(long id) {
        return "found-" + id;
    }

    @Test
    void thePageCountsWhatTheRuntimeDid() throws Exception {
        RulesFile rules = new RulesLoader(name -> null).parse("test", """
                version: 1
                caches:
                  "odd \\"name\\"": { ttl: 10m }
                rules:
                  - { id: find, method: "io.cacheweaver.runtime.metrics.MetricsExportTest#find(long)", cache: "odd \\"name\\"" }
                """);
        CacheRuntime runtime = new CacheRuntime(rules);
        int site = runtime.register(rules.rules().get(0), new MethodShape(MetricsExportTest.class.getName(), "find",
                "(J)Ljava/lang/String;", List.of("id"), List.of("long"), "java.lang.String", true,
                new WeakReference<>(MetricsExportTest.class.getClassLoader())));
        String before = new MetricsExport(runtime).scrape();
        assertTrue(before.contains("cacheweaver_rule_loads_total{rule=\"find\"} 0\n"), before);
        assertTrue(before.contains("cacheweaver_cache_gets_total{cache=\"odd \\\"name\\\"\",result=\"hit\"} 0\n"), before);

        for (long id : new long[] {1, 1, 2, 1}) {
            Object token = runtime.enter1(site, null, id);
            if (!(token instanceof CacheHit)) {
                runtime.complete(site, token, "found-" + id, null);
            }
        }
        String page = new MetricsExport(runtime).scrape();
        assertTrue(page.contains("cacheweaver_cache_gets_total{cache=\"odd \\\"name\\\"\",result=\"hit\"} 2\n"), page);
        assertTrue(page.contains("cacheweaver_cache_gets_total{cache=\"odd \\\"name\\\"\",result=\"miss\"} 2\n"), page);
        assertTrue(page.contains("cacheweaver_rule_invocations_total{rule=\"find\"} 4\n"), page);
        assertTrue(page.contains("cacheweaver_load_duration_seconds_count{rule=\"find\"} 2\n"), page);
        assertTrue(page.contains("cacheweaver_load_duration_seconds_bucket{rule=\"find\",le=\"+Inf\"} 2\n"), page);
        assertTrue(page.contains("cacheweaver_load_duration_seconds_bucket{rule=\"find\",le=\"0.0001\"} "), page);
        assertTrue(!page.contains("cacheweaver_remote_duration_seconds_bucket"), "no Redis layer, no remote series");
        assertTrue(page.contains("cacheweaver_agent_tag_evictions_total 0\n"), page);
        assertTrue(page.contains("cacheweaver_agent_invalidations_deferred_total 0\n"), page);
        assertTrue(page.contains("cacheweaver_agent_purges_sent_total 0\n"), page);
        for (String line : page.split("\n")) {
            assertTrue(line.startsWith("# HELP cacheweaver_") || line.startsWith("# TYPE cacheweaver_")
                    || line.matches("cacheweaver_[a-z_]+(\\{.*\\})? [0-9.]+"), line);
        }
        runtime.invalidateTag("product:1");
        runtime.invalidateTag("product:2");
        String after = new MetricsExport(runtime).scrape();
        assertTrue(after.contains("cacheweaver_agent_tag_evictions_total 2\n"), after);
    }

    @Test
    void histogramPercentilesAndCumulativeCounts() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 1; i <= 100; i++) {
            histogram.record(i * 1_000_000L); // 1 ms .. 100 ms
        }
        LatencyHistogram.Snapshot snapshot = histogram.snapshot();
        assertEquals(100, snapshot.count());
        assertEquals(5_050_000_000L, snapshot.sumNanos());
        assertEquals(50_000, snapshot.percentileMicros(50), 50_000 * 0.01);
        assertEquals(99_000, snapshot.percentileMicros(99), 99_000 * 0.01);
        assertEquals(10, snapshot.countAtMost(10_000_000L));
        assertEquals(100, snapshot.countAtMost(10_000_000_000L));
        assertEquals(0, snapshot.countAtMost(500_000L));
        histogram.reset();
        assertEquals(0, histogram.snapshot().count());
        assertEquals(0, histogram.snapshot().percentileMicros(99));
    }

    @Test
    void numbersAndLabelsAreWrittenAsTheFormatWants() {
        assertEquals("0.0001", PrometheusText.format(0.0001));
        assertEquals("2.5", PrometheusText.format(2.5));
        assertEquals("10", PrometheusText.format(10.0));
        assertEquals("+Inf", PrometheusText.format(Double.POSITIVE_INFINITY));
        assertEquals("a\\\\b\\\"c\\nd", PrometheusText.escapeLabel("a\\b\"c\nd"));
    }

    @Test
    void everyHttpRuleHasItsSeriesFromTheStart() throws Exception {
        RulesFile rules = new RulesLoader(name -> null).parse("test", """
                version: 1
                caches:
                  c: { ttl: 10m }
                rules: []
                http:
                  - id: product-page
                    path: /products/*
                    cacheControl: "public, max-age=60"
                """);
        String page = new MetricsExport(new CacheRuntime(rules)).scrape();
        assertTrue(page.contains("cacheweaver_http_responses_total{rule=\"product-page\"} 0\n"), page);
        assertTrue(page.contains("cacheweaver_http_not_modified_total{rule=\"product-page\"} 0\n"), page);
        assertTrue(page.contains("cacheweaver_http_bytes_saved_total{rule=\"product-page\"} 0\n"), page);
        assertTrue(page.contains("# HELP cacheweaver_http_not_modified_total 304 Not Modified answers sent instead of a body"), page);
    }
}
