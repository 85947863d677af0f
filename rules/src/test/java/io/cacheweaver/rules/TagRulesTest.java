package io.cacheweaver.rules;

import static io.cacheweaver.rules.Yamls.load;
import static io.cacheweaver.rules.Yamls.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cacheweaver.rules.expr.Expr;
import io.cacheweaver.rules.expr.TagTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tags:} on rules and {@code redis.outboxSize}. */
class TagRulesTest {

    @Test
    void tagsAreTemplatesAndOneMayFanOutOverACollection() throws RulesException {
        RulesFile rules = load("""
                version: 1
                caches:
                  pages: {}
                rules:
                  - id: by-category
                    method: com.shop.Dao#findByCategory(String)
                    cache: pages
                    key: "{category}"
                    tags: ["category:{category}", "product:{result[*].id}:x", "all"]
                  - id: save
                    method: com.shop.Dao#save(com.shop.Product)
                    action: evict
                    tags: ["product:{product.id}"]
                """);
        Rule byCategory = rules.rules().get(0);
        assertEquals(3, byCategory.tags().size());
        TagTemplate fanOut = byCategory.tags().get(1);
        assertInstanceOf(TagTemplate.Text.class, fanOut.parts().get(0));
        TagTemplate.FanOut each = assertInstanceOf(TagTemplate.FanOut.class, fanOut.parts().get(1));
        assertInstanceOf(Expr.Result.class, each.collection().root());
        assertEquals(List.of(), each.collection().steps());
        assertEquals(List.of(new Expr.Step("id", false)), each.each());
        assertEquals(new TagTemplate.Text(":x"), fanOut.parts().get(2));
        Rule save = rules.rules().get(1);
        assertNull(save.cache(), "an evict rule with only tags names no cache");
        assertEquals(List.of("product.id"), save.paths("tags").stream().map(Expr.Path::text).toList());
    }

    @Test
    void badTagsAreReportedAtTheirOwnPosition() {
        assertEquals(List.of(
                "cache-rules.yaml:8:11: rules[0].tags: expected a list of tag templates, e.g. tags: [\"product:{id}\"], found \"category:{0}\"",
                "cache-rules.yaml:12:27: rules[1].tags[0]: invalid tag template \"a:{result[*].x[*].y}\" at offset 14: at most one [*] per tag",
                "cache-rules.yaml:12:39: rules[1].tags[1]: invalid tag template \"b:[*]\" at offset 2: [*] is only allowed inside a placeholder: {result[*].id}",
                "cache-rules.yaml:13:5: rules[2]: missing required key \"cache\""),
                problems("""
                        version: 1
                        caches:
                          pages: {}
                        rules:
                          - id: a
                            method: com.shop.Dao#find(String)
                            cache: pages
                            tags: "category:{0}"
                          - id: b
                            method: com.shop.Dao#find(String)
                            cache: pages
                            tags: ["a:{result[*].x[*].y}", "b:[*]"]
                          - id: c
                            method: com.shop.Dao#find(String)
                            tags: ["x"]
                        """));
    }

    @Test
    void outboxSizeDefaultsToTenThousand() throws RulesException {
        assertEquals(10_000, load("version: 1\nredis: { url: \"redis://h:1\" }\n").redis().outboxSize());
        assertEquals(5, load("version: 1\nredis: { url: \"redis://h:1\", outboxSize: 5 }\n").redis().outboxSize());
    }
}
