package io.cacheweaver.rules;

import java.util.List;
import java.util.Map;
import io.cacheweaver.rules.http.HttpSettings;

/**
 * A loaded, validated rules file. Immutable. {@code caches} keeps declaration order and every
 * cache has its defaults already applied; every {@link Rule#cache()} names one of them.
 *
 * @param source where it was read from (a path as given, or a test name); used in messages
 * @param redis  the shared layer, or {@code null} when every cache lives in-process only
 * @param metrics the {@code metrics:} section; {@link MetricsSettings#NONE} when absent
 * @param http   the {@code http:} rules and {@code cdn:} settings; {@link HttpSettings#NONE} when absent
 */
public record RulesFile(String source, int version, RedisSettings redis, Map<String, CacheSpec> caches, List<Rule> rules,
                        MetricsSettings metrics, HttpSettings http) {
    public RulesFile {
        caches = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(caches));
        rules = List.copyOf(rules);
        metrics = metrics == null ? MetricsSettings.NONE : metrics;
        http = http == null ? HttpSettings.NONE : http;
    }

    /** A file without {@code metrics:}, {@code http:} or {@code cdn:}. */
    public RulesFile(String source, int version, RedisSettings redis, Map<String, CacheSpec> caches, List<Rule> rules) {
        this(source, version, redis, caches, rules, MetricsSettings.NONE, HttpSettings.NONE);
    }

    /** A file without {@code http:} or {@code cdn:}. */
    public RulesFile(String source, int version, RedisSettings redis, Map<String, CacheSpec> caches, List<Rule> rules,
                     MetricsSettings metrics) {
        this(source, version, redis, caches, rules, metrics, HttpSettings.NONE);
    }

    /** A file without {@code metrics:}. */
    public RulesFile(String source, int version, RedisSettings redis, Map<String, CacheSpec> caches, List<Rule> rules,
                     HttpSettings http) {
        this(source, version, redis, caches, rules, MetricsSettings.NONE, http);
    }

    public CacheSpec cache(String name) {
        return caches.get(name);
    }
}
