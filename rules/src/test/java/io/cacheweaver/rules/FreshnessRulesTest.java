package io.cacheweaver.rules;

import static io.cacheweaver.rules.Yamls.load;
import static io.cacheweaver.rules.Yamls.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** refreshAfter, refreshIn, staleIfError and loadTimeout: values, defaults, and every impossible combination. */
class FreshnessRulesTest {

    @Test
    void keysAreReadAndDefaultsApply() throws RulesException {
        RulesFile rules = load("""
                version: 1
                defaults:
                  staleIfError: 1h
                caches:
                  products: { ttl: 10m, refreshAfter: 80%, loadTimeout: 300ms }
                  prices: { ttl: 1m, refreshAfter: 45s, refreshIn: caller }
                  plain: {}
                """);
        Freshness products = rules.caches().get("products").freshness();
        assertEquals(new Freshness(null, 0.8, Freshness.RefreshIn.BACKGROUND, Duration.ofHours(1), Duration.ofMillis(300)), products);
        assertEquals(Duration.ofMinutes(8).toNanos(), products.refreshAfterNanos(Duration.ofMinutes(10).toNanos()));
        assertEquals(new Freshness(Duration.ofSeconds(45), 0, Freshness.RefreshIn.CALLER, Duration.ofHours(1), null),
                rules.caches().get("prices").freshness());
        assertEquals(Duration.ofHours(1), rules.caches().get("plain").freshness().staleIfError());
    }

    @Test
    void withoutTheKeysACacheHasNoFreshness() throws RulesException {
        RulesFile rules = load("version: 1\ncaches:\n  plain: {}\n");
        assertEquals(Freshness.NONE, rules.caches().get("plain").freshness());
    }

    @Test
    void impossibleCombinationsAreReportedAtTheKeyThatCausesThem() {
        assertEquals(List.of(
                "cache-rules.yaml:3:32: caches.a.refreshAfter: refreshAfter 10m is not shorter than the ttl of cache \"a\";"
                        + " refreshAfter must be less than ttl (a duration, or a percentage of ttl such as 80%)",
                "cache-rules.yaml:4:22: caches.b.refreshAfter: invalid refreshAfter \"100%\"; a percentage of the ttl must be"
                        + " between 0% and 100% (exclusive), e.g. 80%",
                "cache-rules.yaml:5:21: caches.c.loadTimeout: loadTimeout needs staleIfError or refreshAfter in cache \"c\":"
                        + " without a stale value there is nothing to answer with when it expires",
                "cache-rules.yaml:6:19: caches.d.refreshIn: invalid refreshIn \"later\"; allowed: background, caller",
                "cache-rules.yaml:7:22: caches.e.staleIfError: invalid duration \"forever\"; expected 500ms, 30s, 10m, 2h, 1d or ISO-8601"),
                problems("""
                        version: 1
                        caches:
                          a: { ttl: 10m, refreshAfter: 10m }
                          b: { refreshAfter: 100% }
                          c: { loadTimeout: 1s }
                          d: { refreshIn: later }
                          e: { staleIfError: forever }
                        """));
    }
}
