package io.cacheweaver.rules;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

/** Test support: load YAML text with a fixed environment and get the problem lines. */
final class Yamls {
    static final Map<String, String> ENV = Map.of("REDIS_HOST", "cache.internal", "EMPTY", "");

    private Yamls() {
    }

    static RulesLoader loader() {
        return new RulesLoader(ENV::get);
    }

    static RulesFile load(String yaml) throws RulesException {
        return loader().parse("cache-rules.yaml", yaml);
    }

    static List<String> problems(String yaml) {
        RulesException e = assertThrows(RulesException.class, () -> load(yaml));
        return e.problems().stream().map(RuleProblem::toString).toList();
    }
}
