package io.cacheweaver.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.rules.SourcePosition;
import io.cacheweaver.rules.http.HttpRule;
import io.cacheweaver.rules.http.PathGlob;
import io.cacheweaver.rules.http.TagTemplate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The header decisions and validators, apart from any server. */
class ResponseHeadersTest {
    private static HttpRule rule(String cacheControl, boolean override, List<String> vary, String... tags) {
        return new HttpRule("r", PathGlob.parse("/p/*"), Set.of("GET", "HEAD"), cacheControl, override, vary, true,
                java.util.Arrays.stream(tags).map(TagTemplate::parse).toList(), new SourcePosition("f", 1, 1));
    }

    private static Map<String, String> apply(HttpRule rule, Map<String, String> existing, String etag) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(existing);
        HttpRoute route = new HttpRoute(rule, new HttpCounters(), PathGlob.split("/p/42"), false, null);
        ResponseHeaders.apply(new HeaderAccess() {
            @Override
            public String get(String name) {
                return headers.get(name);
            }

            @Override
            public void set(String name, String value) {
                headers.put(name, value);
            }
        }, route, etag);
        assertEquals(1, route.counters().responses());
        return headers;
    }

    @Test
    void theRulesHeadersAreAddedAndTheApplicationsCacheControlKept() {
        Map<String, String> added = apply(rule("public, max-age=60", false, List.of("Accept-Encoding"), "p:{path[1]}", "all"),
                Map.of(), "\"e\"");
        assertEquals(Map.of("Cache-Control", "public, max-age=60", "Vary", "Accept-Encoding", "Surrogate-Key", "p:42 all",
                "Cache-Tag", "p:42,all", "ETag", "\"e\""), Map.copyOf(added));
        Map<String, String> kept = apply(rule("public, max-age=60", false, List.of()), Map.of("cache-control", "no-store"), null);
        assertEquals("no-store", kept.get("Cache-Control"));
        assertNull(kept.get("ETag"));
        Map<String, String> overridden = apply(rule("public, max-age=60", true, List.of()), Map.of("Cache-Control", "no-store"), null);
        assertEquals("public, max-age=60", overridden.get("Cache-Control"));
    }

    @Test
    void varyIsMergedWithoutDuplicatesAndStarWins() {
        assertEquals("Origin, Accept-Encoding", ResponseHeaders.mergeVary("Origin", List.of("Accept-Encoding")));
        assertEquals("accept-encoding, Accept", ResponseHeaders.mergeVary("accept-encoding", List.of("Accept-Encoding", "Accept")));
        assertEquals("*", ResponseHeaders.mergeVary("*", List.of("Accept")));
        assertEquals("Accept", ResponseHeaders.mergeVary(null, List.of("Accept")));
    }

    @Test
    void ifNoneMatchUsesWeakComparisonListsAndStar() {
        String etag = "\"abc\"";
        assertTrue(EntityTags.matches("\"abc\"", etag));
        assertTrue(EntityTags.matches("W/\"abc\"", etag));
        assertTrue(EntityTags.matches("\"x\", \"abc\"", etag));
        assertTrue(EntityTags.matches("*", etag));
        assertFalse(EntityTags.matches("\"abcd\"", etag));
        assertFalse(EntityTags.matches(null, etag));
    }

    @Test
    void theEtagIsTheBodysAndTheBufferRefusesWhatPassesItsLimit() {
        BodyBuffer a = new BodyBuffer(10);
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        assertTrue(a.append(body, 0, 5));
        BodyBuffer b = new BodyBuffer(10);
        assertTrue(b.append(body, 0, 2));
        assertTrue(b.append(body, 2, 3));
        String etag = a.etag();
        assertEquals(etag, b.etag(), "the same bytes, however written, the same ETag");
        assertTrue(etag.matches("\"[A-Za-z0-9_-]{22}\""), etag);
        BodyBuffer c = new BodyBuffer(6);
        assertTrue(c.append(body, 0, 5));
        assertFalse(c.append(body, 0, 2), "past the limit");
        assertEquals(5, c.size());
    }

    @Test
    void thePurgePayloadIsJson() {
        assertEquals("{\"tags\":[\"product:1\",\"a\\\"b\"],\"paths\":[]}",
                new String(CdnPurger.json(List.of("product:1", "a\"b"), List.of()), StandardCharsets.UTF_8));
    }
}
