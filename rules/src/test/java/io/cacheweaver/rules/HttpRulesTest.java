package io.cacheweaver.rules;

import static io.cacheweaver.rules.Yamls.load;
import static io.cacheweaver.rules.Yamls.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.rules.http.CdnPurge;
import io.cacheweaver.rules.http.HttpRule;
import io.cacheweaver.rules.http.HttpSettings;
import io.cacheweaver.rules.http.PathGlob;
import io.cacheweaver.rules.http.TagTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code http:}, {@code cdn.purge} and {@code purge:} on evict rules: values, defaults and every problem. */
class HttpRulesTest {

    @Test
    void httpRulesAndCdnPurgeAreReadWithTheirDefaults() throws RulesException {
        RulesFile rules = load("""
                version: 1
                caches:
                  products: { ttl: 1m }
                rules:
                  - id: product-save
                    method: com.shop.ProductDao#save(long)
                    cache: products
                    action: evict
                    key: "{0}"
                    purge: ["/products/{0}"]
                http:
                  - id: product-pages
                    path: /products/*
                    cacheControl: "public, max-age=60, s-maxage=600"
                    vary: [Accept-Encoding]
                    etag: true
                    tags: ["product:{path[1]}"]
                  - id: static
                    path: /static/**
                    methods: [GET]
                    cacheControl: "public, max-age=31536000, immutable"
                    override: true
                cdn:
                  purge:
                    url: https://api.cdn.example/purge
                    headers: { Authorization: "Bearer abc" }
                """);
        HttpRule pages = rules.http().rules().get(0);
        assertEquals("product-pages", pages.id());
        assertEquals(HttpRule.DEFAULT_METHODS, pages.methods());
        assertEquals("public, max-age=60, s-maxage=600", pages.cacheControl());
        assertEquals(List.of("Accept-Encoding"), pages.vary());
        assertTrue(pages.etag());
        assertFalse(pages.override());
        assertEquals("product:42", pages.tags().get(0).render(PathGlob.split("/products/42")));
        HttpRule statics = rules.http().rules().get(1);
        assertEquals(Set.of("GET"), statics.methods());
        assertTrue(statics.override());
        assertFalse(statics.etag());
        assertEquals(new CdnPurge("https://api.cdn.example/purge", Map.of("Authorization", "Bearer abc"), Duration.ofSeconds(2)),
                rules.http().purge());
        assertEquals("/products/{0}", rules.rules().get(0).purge().get(0).text());
    }

    @Test
    void aFileWithoutThemHasNone() throws RulesException {
        RulesFile rules = load("version: 1\ncaches:\n  plain: {}\n");
        assertEquals(HttpSettings.NONE, rules.http());
    }

    @Test
    void everyProblemIsReportedAtItsKey() {
        assertEquals(List.of(
                "cache-rules.yaml:3:5: http[0]: missing required key \"id\"",
                "cache-rules.yaml:3:11: http[0].path: invalid path \"products/*\": a path must start with /, e.g. /products/*",
                "cache-rules.yaml:4:20: http[0].methods[1]: invalid method \"FETCH\"; allowed: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
                "cache-rules.yaml:5:11: http[0].tags: tags must be a list of templates, e.g. tags: [\"product:{path[1]}\"]",
                "cache-rules.yaml:6:5: http[0].color: unknown key \"color\"; allowed: id, path, methods, cacheControl, override, vary,"
                        + " etag, tags",
                "cache-rules.yaml:8:11: http[1].path: invalid path \"/a/**x\": ** must be a whole segment (/a/**/b), found \"**x\"",
                "cache-rules.yaml:9:12: http[1].tags[0]: invalid tag \"p:{path[x]}\" at offset 2: expected {path[N]} (N: a 0-based"
                        + " segment of the request path), found \"{path[x]}\"",
                "cache-rules.yaml:10:12: http[1].vary[0]: invalid header name \"Accept Encoding\"; expected a request header name"
                        + " such as Accept-Encoding",
                "cache-rules.yaml:11:5: http[1].override: override needs cacheControl: it says whether the rule's Cache-Control"
                        + " replaces the application's",
                "cache-rules.yaml:13:11: http[3].id: duplicate http rule id \"b\" (first at line 7)",
                "cache-rules.yaml:13:20: http[3].path: invalid path \"/q?x\": \"?\" is not allowed in a path; the only wildcards"
                        + " are * (within one segment) and ** (a whole segment, any depth)"),
                problems("""
                        version: 1
                        http:
                          - path: products/*
                            methods: [GET, FETCH]
                            tags: "x"
                            color: red
                          - id: b
                            path: /a/**x
                            tags: ["p:{path[x]}"]
                            vary: [Accept Encoding]
                            override: true
                          - { id: c, path: /c }
                          - { id: b, path: "/q?x" }
                        """));
    }

    @Test
    void purgeNeedsCdnPurgeAndAnEvictRuleAndTheUrlIsNeverShownWithItsSecrets() {
        List<String> problems = problems("""
                version: 1
                caches:
                  products: { ttl: 1m }
                rules:
                  - id: product-get
                    method: com.shop.ProductDao#find(long)
                    cache: products
                    purge: ["/products/{0}"]
                  - id: product-save
                    method: com.shop.ProductDao#save(long)
                    cache: products
                    action: evict
                    purge: ["products/{0}"]
                cdn:
                  purge:
                    url: "ftp://user:pw-secret@cdn/x?token=q-secret"
                    timeout: 0s
                """);
        assertEquals(List.of(
                "cache-rules.yaml:8:5: rules[0].purge: purge is only allowed with action: evict",
                "cache-rules.yaml:13:13: rules[1].purge[0]: invalid purge path \"products/{0}\"; a path starts with /, e.g. /products/{id}",
                "cache-rules.yaml:16:10: cdn.purge.url: invalid url \"ftp://***@cdn/x?***\"; expected http(s)://host[:port]/path",
                "cache-rules.yaml:17:14: cdn.purge.timeout: must be greater than zero, got \"0s\""), problems);
        assertEquals(List.of("cache-rules.yaml:8:5: rules[0].purge: purge needs cdn.purge (the URL purges are sent to)"),
                problems("""
                        version: 1
                        caches:
                          products: { ttl: 1m }
                        rules:
                          - id: product-save
                            method: com.shop.ProductDao#save(long)
                            cache: products
                            purge: ["/products/{0}"]
                            action: evict
                        """));
    }

    @Test
    void globsMatchWholeSegmentsAndStarsWithinOne() {
        PathGlob products = PathGlob.parse("/products/*");
        assertTrue(products.matches(PathGlob.split("/products/42")));
        assertFalse(products.matches(PathGlob.split("/products/42/reviews")));
        assertFalse(products.matches(PathGlob.split("/products")));
        PathGlob deep = PathGlob.parse("/static/**");
        assertTrue(deep.matches(PathGlob.split("/static")));
        assertTrue(deep.matches(PathGlob.split("/static/css/site.css")));
        PathGlob images = PathGlob.parse("/img/**/*.png");
        assertTrue(images.matches(PathGlob.split("/img/a/b/logo.png")));
        assertTrue(images.matches(PathGlob.split("/img/logo.png")));
        assertFalse(images.matches(PathGlob.split("/img/logo.gif")));
        assertTrue(PathGlob.parse("/").matches(PathGlob.split("/")));
        assertEquals(List.of("a"), PathGlob.split("/a/")); // a trailing slash adds no empty segment
    }

    @Test
    void tagsRenderPathSegmentsSafelyForBothHeaders() {
        TagTemplate tag = TagTemplate.parse("p:{path[1]}-{path[5]}");
        assertEquals("p:a%2Cb%20c-", tag.render(List.of("x", "a,b c")));
    }

    @Test
    void cdnUrlsAreRedacted() {
        assertEquals("https://***@cdn.example/purge?***", CdnPurge.redact("https://u:p@cdn.example/purge?token=abc"));
        assertEquals("https://cdn.example/purge", CdnPurge.redact("https://cdn.example/purge"));
        assertFalse(new CdnPurge("https://cdn/x?k=secret", Map.of("Authorization", "Bearer secret"), Duration.ofSeconds(1))
                .toString().contains("secret"));
    }
}
