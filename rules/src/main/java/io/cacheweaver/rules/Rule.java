package io.cacheweaver.rules;

import io.cacheweaver.rules.expr.Condition;
import io.cacheweaver.rules.expr.Expr;
import io.cacheweaver.rules.expr.TagTemplate;
import io.cacheweaver.rules.expr.Template;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code rules:}.
 *
 * @param key          {@code null} = built from all arguments
 * @param value        only for PUT; {@code null} = the method's return value
 * @param when         pre-condition over arguments, or {@code null}
 * @param unless       post-condition that may use {@code result}, or {@code null}
 * @param ttl          overrides the cache's ttl for entries this rule writes, or {@code null}
 * @param allEntries   EVICT only: clear the whole cache
 * @param before       EVICT only: evict before the method runs (and even if it throws)
 * @param position     where the rule starts in the file, for messages
 * @param keyPositions where each YAML key of the rule is written ({@code "key"} → line 6, column 5),
 *                     so that a problem with one expression points at that expression
 * @param mode         {@link RuleMode#SHADOW}: the method always runs, the cache is only compared (contract §11)
 * @param writeBehind  WRITE_BEHIND only: its queue settings (defaults applied); {@code null} for other actions
 * @param each         batch rules: the parameter (name, or position as digits) holding a collection
 *                     or array of elements, one key per element ({@code {it}}); {@code null} otherwise
 * @param resultKey    batch cache rules: which element a returned value belongs to ({@code {it.id}},
 *                     {@code it} being the value), or {@code null}
 * @param tags         tags a cache/put rule attaches to what it stores, or an evict rule evicts; empty when none.
 *                     An evict rule with tags may have no {@code cache} ({@code null})
 * @param purge        EVICT only: request paths sent to the CDN purge after a normal return ({@code purge:}); empty when absent
 */
public record Rule(
        String id,
        MethodSelector method,
        String cache,
        Action action,
        Template key,
        Template value,
        Condition when,
        Condition unless,
        Duration ttl,
        boolean allEntries,
        boolean before,
        SourcePosition position,
        Map<String, SourcePosition> keyPositions,
        RuleMode mode,
        WriteBehind writeBehind,
        String each,
        Template resultKey,
        List<TagTemplate> tags,
        List<Template> purge) {

    /** The YAML keys that hold expressions, in the order they are checked. */
    public static final List<String> EXPRESSION_KEYS = List.of("key", "value", "when", "unless", "tags");

    public Rule {
        keyPositions = keyPositions == null ? Map.of() : Map.copyOf(keyPositions);
        mode = mode == null ? RuleMode.LIVE : mode;
        if (writeBehind == null && action == Action.WRITE_BEHIND) {
            writeBehind = WriteBehind.DEFAULTS;
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        purge = purge == null ? List.of() : List.copyOf(purge);
    }

    /**
     * A live rule (no {@code mode:}), not a batch rule, without tags, purge paths or write-behind settings
     * (WRITE_BEHIND then gets the defaults).
     */
    public Rule(String id, MethodSelector method, String cache, Action action, Template key, Template value,
                Condition when, Condition unless, Duration ttl, boolean allEntries, boolean before,
                SourcePosition position, Map<String, SourcePosition> keyPositions) {
        this(id, method, cache, action, key, value, when, unless, ttl, allEntries, before, position, keyPositions, RuleMode.LIVE,
                null, null, null, List.of(), List.of());
    }

    public boolean shadow() {
        return mode == RuleMode.SHADOW;
    }

    /** Whether this is a batch rule ({@code each}): one key per element of a collection argument. */
    public boolean isBatch() {
        return each != null;
    }

    /** A rule without per-key positions: messages about any part point at the rule itself. */
    public Rule(String id, MethodSelector method, String cache, Action action, Template key, Template value,
                Condition when, Condition unless, Duration ttl, boolean allEntries, boolean before,
                SourcePosition position) {
        this(id, method, cache, action, key, value, when, unless, ttl, allEntries, before, position, Map.of());
    }

    /**
     * Where {@code yamlKey} ({@code "key"}, {@code "when"}, ...) is written in this rule; the rule's
     * own position when that key is absent, unknown or {@code null} (a problem with the whole rule).
     */
    public SourcePosition position(String yamlKey) {
        SourcePosition at = yamlKey == null ? null : keyPositions.get(yamlKey);
        return at == null ? position : at;
    }

    /** Every path ({@code {customer.id}}, {@code args[0]}) written under {@code expressionKey}; empty when absent. */
    public List<Expr.Path> paths(String expressionKey) {
        return switch (expressionKey) {
            case "key" -> key == null ? List.of() : key.paths();
            case "value" -> value == null ? List.of() : value.paths();
            case "when" -> when == null ? List.of() : when.paths();
            case "unless" -> unless == null ? List.of() : unless.paths();
            case "resultKey" -> resultKey == null ? List.of() : resultKey.paths();
            case "tags" -> tags.stream().flatMap(t -> t.paths().stream()).toList();
            default -> throw new IllegalArgumentException("not an expression key: " + expressionKey);
        };
    }
}
