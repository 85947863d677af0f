package io.cacheweaver.rules;

import static io.cacheweaver.rules.Yamls.load;
import static io.cacheweaver.rules.Yamls.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** warm: { top, file }: values, where a relative file lives, and what is not allowed. */
class WarmRulesTest {

    @Test
    void topAndFileAreReadARelativeFileLivesBesideTheRulesFile() throws RulesException {
        RulesFile rules = load("""
                version: 1
                redis: { url: "redis://localhost:6379" }
                caches:
                  products: { warm: { top: 1000 } }
                  prices: { layers: [local], warm: { top: 50, file: snapshots/prices.snap } }
                  absolute: { layers: [local], warm: { top: 5, file: /var/cache/app/a.snap } }
                  plain: {}
                """);
        assertEquals(new Warm(1000, null), rules.caches().get("products").warm());
        assertEquals(new Warm(50, Path.of("cache-rules.yaml").toAbsolutePath().getParent().resolve("snapshots/prices.snap")),
                rules.caches().get("prices").warm());
        assertEquals(Path.of("/var/cache/app/a.snap"), rules.caches().get("absolute").warm().file());
        assertNull(rules.caches().get("plain").warm());
    }

    @Test
    void everyProblemIsReportedWithWhatIsAllowed() {
        assertEquals(List.of(
                "cache-rules.yaml:3:14: caches.a.warm: warm in cache \"a\" needs a file without the redis layer: the hot entries"
                        + " are kept in Redis, or else in a snapshot file written at shutdown, e.g. warm: { top: 1000, file: a.snap }",
                "cache-rules.yaml:4:21: caches.b.warm.top: invalid number \"-3\"; expected a whole number greater than zero",
                "cache-rules.yaml:5:14: caches.c.warm: warm needs top, the number of entries to warm, e.g. warm: { top: 1000 }",
                "cache-rules.yaml:6:21: caches.d.warm.top: warm.top 1000000 is too large; allowed: 1 to 100000",
                "cache-rules.yaml:7:24: caches.e.warm.every: unknown key \"every\"; allowed: top, file"),
                problems("""
                        version: 1
                        caches:
                          a: { warm: { top: 10 } }
                          b: { warm: { top: -3, file: b.snap } }
                          c: { warm: { file: c.snap } }
                          d: { warm: { top: 1000000, file: d.snap } }
                          e: { warm: { top: 1, every: 1m, file: e.snap } }
                        """));
    }

    @Test
    void aCacheWithoutALocalLayerCannotBeWarmed() {
        assertEquals(List.of("cache-rules.yaml:4:31: caches.a.warm: warm fills the local layer, but cache \"a\" has none;"
                        + " add local to its layers or remove warm"),
                problems("""
                        version: 1
                        redis: { url: "redis://localhost:6379" }
                        caches:
                          a: { layers: [redis], warm: { top: 10 } }
                        """));
    }
}
