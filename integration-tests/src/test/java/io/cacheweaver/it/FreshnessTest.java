package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.FreshnessScenarios;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** refreshAfter, staleIfError and loadTimeout on an unmodified class, in a forked JVM with the real agent jar. */
class FreshnessTest {
    @TempDir
    Path dir;

    private ForkedJvm.Result run(String cache, String... scenario) {
        Path rules = RulesFiles.write(dir, """
                version: 1
                caches:
                  prices: %s
                rules:
                  - id: price
                    method: fixture.app.PriceSource#price(long)
                    cache: prices
                    key: "{0}"
                """.formatted(cache));
        return ForkedJvm.run("rules=" + rules, List.of("-Dcacheweaver.jmx.delay=0"), FreshnessScenarios.class, scenario)
                .assertSuccess();
    }

    @Test
    void pastRefreshAfterSixteenCallersGetTheOldValueAtOnceAndTheSourceRunsOnceInTheBackground() {
        ForkedJvm.Result result = run("{ ttl: 10m, refreshAfter: 300ms }", "refresh", "400", "16");
        assertEquals("price-1-v1", result.value("aged"), "every caller got the old value\n" + result.output());
        assertTrue(result.longValue("slowestMillis") < 500, "nobody waited for the 1 s reload: " + result.output());
        assertEquals("price-1-v2", result.value("after"), "the reload's value is served afterwards");
        assertEquals(2, result.intValue("calls.price"), "the first load and exactly one reload\n" + result.output());
        assertEquals("cacheweaver-refresh-N", result.value("refreshThread"));
        assertEquals(1, result.intValue("rule.Refreshes"));
    }

    @Test
    void withoutRefreshAfterTheSameCallsWaitForTheSource() {
        ForkedJvm.Result result = run("{ ttl: 300ms }", "refresh", "400", "16");
        assertTrue(result.longValue("slowestMillis") >= 900, "the expired entry made callers wait: " + result.output());
        assertEquals("price-1-v2", result.value("aged"));
    }

    @Test
    void aFailingSourceAfterTheTtlServesTheStaleValueButAnErrorStillPropagates() {
        ForkedJvm.Result result = run("{ ttl: 300ms, staleIfError: 1h }", "staleIfError", "400");
        assertEquals("price-1-v1", result.value("failing"), "the exception was answered with the stale value\n" + result.output());
        assertEquals("threw OutOfMemoryError", result.value("error"));
        assertEquals("price-1-v2", result.value("recovered"));
        assertEquals(4, result.intValue("calls.price"));
        assertEquals(1, result.intValue("rule.StaleServed"));
        assertEquals(1, result.intValue("cache.StaleServed"));
        assertTrue(result.output().contains("rule price: served a value past its ttl because the load failed"
                + " (java.lang.IllegalStateException)"), result.output());
        assertTrue(!result.output().contains("price-1-v1 ") && !result.output().contains("[cacheweaver] price-1"),
                "no value in the log");
    }

    @Test
    void withoutStaleIfErrorTheExceptionReachesTheCaller() {
        ForkedJvm.Result result = run("{ ttl: 300ms }", "staleIfError", "400");
        assertEquals("threw IllegalStateException", result.value("failing"));
    }

    @Test
    void aSlowSourceWithAStaleValueAnswersWithinLoadTimeoutAndStoresInTheBackground() {
        ForkedJvm.Result result = run("{ ttl: 300ms, staleIfError: 1h, loadTimeout: 200ms }", "loadTimeout", "400");
        assertEquals("price-1-v1", result.value("slow"));
        long millis = result.longValue("slowMillis");
        assertTrue(millis >= 150 && millis < 1000, "waited about loadTimeout, not the 2 s load: " + millis);
        assertEquals("price-1-v2", result.value("after"), "the load finished in the background and was stored");
        assertEquals(2, result.intValue("calls.price"), result.output());
        assertTrue(result.intValue("rule.SoftTimeouts") >= 1);
    }

    @Test
    void refreshInCallerReloadsOnTheFirstCallersThreadWhileOthersGetTheOldValue() {
        ForkedJvm.Result result = run("{ ttl: 10m, refreshAfter: 300ms, refreshIn: caller }", "refreshInCaller", "400");
        assertEquals("price-1-v2", result.value("refresher"), "the first caller ran the reload and got its result");
        assertEquals("price-1-v1", result.value("meanwhile"));
        assertTrue(result.longValue("meanwhileMillis") < 300, result.output());
        assertEquals("pool-1-thread-N", result.value("refreshThread"));
        assertEquals(2, result.intValue("calls.price"));
    }
}
