package io.cacheweaver.rules;

import java.util.List;
import java.util.Map;
import io.cacheweaver.rules.http.HttpSettings;
import org.yaml.snakeyaml.nodes.Node;

/** Checks the top level of a composed rules file and assembles the {@link RulesFile}. */
final class RulesValidator {
    static final List<String> KEYS = List.of("version", "redis", "defaults", "caches", "rules", "metrics", "http", "cdn");
    static final String SUPPORTED_VERSION = "1";

    private final NodeReader reader;

    RulesValidator(NodeReader reader) {
        this.reader = reader;
    }

    RulesFile validate(Node root) {
        Problems problems = reader.problems();
        if (problems.isRejected(root)) {
            return null;
        }
        if (!(root instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
            problems.at(root, "", "the rules file must be a mapping with version: 1, caches: and rules:, found "
                    + NodeReader.describe(root));
            return null;
        }
        YamlMapping top = reader.mapping(root, "", KEYS);
        int version = 1;
        if (!top.has("version")) {
            problems.at(root, "", "missing required key \"version\"; add \"version: 1\" at the top");
        } else {
            String text = reader.text(top.value("version"), "version");
            if (text != null && !text.trim().equals(SUPPORTED_VERSION)) {
                problems.at(top.value("version"), "version", "unsupported version \"" + text
                        + "\"; this agent reads version: 1");
                version = -1;
            }
        }
        RedisSettings redis = top.has("redis") ? new RedisReader(reader).read(top.value("redis"), "redis") : null;
        CacheReader caches = new CacheReader(reader, redis != null);
        CacheReader.Fields defaults = top.has("defaults")
                ? caches.fields(top.value("defaults"), "defaults") : CacheReader.Fields.NONE;
        Map<String, CacheSpec> specs = caches.caches(top.value("caches"), "caches", defaults);
        HttpSettings http = new HttpReader(reader).read(top.value("http"), top.value("cdn"));
        List<Rule> rules = new RuleReader(reader, specs.keySet(), top.has("cdn")).rules(top.value("rules"), "rules");
        MetricsSettings metrics = top.has("metrics") ? new MetricsReader(reader).read(top.value("metrics"), "metrics")
                : MetricsSettings.NONE;
        return new RulesFile(problems.file(), version, redis, specs, rules, metrics, http);
    }
}
