package io.cacheweaver.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.RulesLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What debug=true says about a reload. */
class RulesDiffTest {
    @TempDir
    Path dir;

    private List<Rule> rules(String rulesYaml) throws Exception {
        Path file = Files.writeString(dir.resolve("r" + System.nanoTime() + ".yaml"),
                "version: 1\ncaches:\n  items: {}\nrules:\n" + rulesYaml);
        return RulesLoader.withSystemEnvironment().load(file).rules();
    }

    @Test
    void namesAddedRemovedAndInPlaceRules() throws Exception {
        List<Rule> before = rules("""
                  - { id: a, method: "app.Dao#find(long)", cache: items }
                  - { id: b, method: "app.Dao#title", cache: items }
                """);
        List<Rule> after = rules("""
                  - { id: a, method: "app.Dao#find(long)", cache: items, ttl: 5m }
                  - { id: c, method: "app.Dao#title", cache: items }
                """);
        RulesDiff diff = RulesDiff.between(before, after);
        assertEquals(List.of("c (app.Dao#title)"), diff.added());
        assertEquals(List.of("b (app.Dao#title)"), diff.removed());
        assertEquals(List.of("a (app.Dao#find(long))"), diff.inPlace());
        assertEquals("targets added: c (app.Dao#title); targets removed: b (app.Dao#title);"
                + " rules kept on their targets (updated in place): a (app.Dao#find(long))", diff.toString());
    }
}
