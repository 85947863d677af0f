package io.cacheweaver.rules;

import static io.cacheweaver.rules.Yamls.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code redis.types}, {@code redis.compress}, {@code redis.maxValueSize} and {@code redis.sentinel} (rules-v1 §10). */
class RedisValuesRulesTest {

    @Test
    void valueKeysAreReadWithTheirDefaults() throws RulesException {
        RedisSettings redis = Yamls.load("""
                version: 1
                redis:
                  url: redis://h:1
                  types: [com.shop..*, org.springframework.data.domain.PageImpl]
                  compress: { codec: deflate }
                  maxValueSize: 256KB
                """).redis();
        assertEquals(new RedisValues(List.of("com.shop..*", "org.springframework.data.domain.PageImpl"), 2048, "deflate", 256 << 10),
                redis.values());
        assertEquals(RedisValues.DEFAULTS, Yamls.load("version: 1\nredis: { url: \"redis://h:1\" }\n").redis().values());
        assertEquals(4096, Yamls.load("version: 1\nredis: { url: \"redis://h:1\", compress: { above: 4KB } }\n").redis()
                .values().compressAbove());
        assertNull(Yamls.load("version: 1\nredis: { url: \"redis://h:1\" }\n").redis().sentinel());
    }

    @Test
    void everyBadValueKeyIsReportedAtOnce() {
        assertEquals(List.of(
                        "cache-rules.yaml:4:11: redis.types[0]: invalid class pattern \"com.shop-x.*\"; expected a class name or a pattern"
                                + " in selector syntax ('*' within a package segment, '..' any number of packages), e.g. com.shop..*"
                                + " or org.springframework.data.domain.PageImpl",
                        "cache-rules.yaml:5:22: redis.compress.codec: unknown codec \"zstd\"; expected one of lz4, deflate",
                        "cache-rules.yaml:6:17: redis.maxValueSize: invalid size \"1GB\"; expected a size such as 512B, 2KB or 1MB (at most 512MB)"),
                problems("""
                        version: 1
                        redis:
                          url: redis://h:1
                          types: [com.shop-x.*]
                          compress: { codec: zstd }
                          maxValueSize: 1GB
                        """));
    }

    @Test
    void sentinelMakesTheUrlOptional() throws RulesException {
        RedisSettings redis = Yamls.load("""
                version: 1
                redis:
                  sentinel: { master: mymaster, nodes: ["s1:26379", "[::1]:26380"] }
                """).redis();
        assertEquals(new RedisSentinel("mymaster", List.of("s1:26379", "[::1]:26380")), redis.sentinel());
        assertEquals(List.of("cache-rules.yaml:3:13: redis.sentinel: missing required key \"master\"; expected the name the"
                        + " sentinels monitor, e.g. mymaster",
                        "cache-rules.yaml:3:23: redis.sentinel.nodes[0]: invalid sentinel \"s1\"; expected host:port, e.g. sentinel1:26379"),
                problems("version: 1\nredis:\n  sentinel: { nodes: [s1] }\n"));
    }
}
