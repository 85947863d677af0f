package io.cacheweaver.rules;

import io.cacheweaver.rules.expr.Condition;
import io.cacheweaver.rules.expr.ExpressionException;
import io.cacheweaver.rules.expr.ExpressionParser;
import io.cacheweaver.rules.expr.TagTemplate;
import io.cacheweaver.rules.expr.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** The {@code rules:} list: one {@link Rule} per entry, with every per-rule check. */
final class RuleReader {
    static final List<String> KEYS = List.of("id", "method", "cache", "action", "key", "value", "when", "unless",
            "ttl", "allEntries", "before", "mode", WriteBehindReader.KEY, "each", "resultKey", "tags", "purge");

    private final NodeReader reader;
    private final Set<String> declaredCaches;
    private final Map<String, Node> ids = new HashMap<>();
    private final WriteBehindReader writeBehindReader;
    private final boolean cdnConfigured;

    RuleReader(NodeReader reader, Set<String> declaredCaches) {
        this(reader, declaredCaches, false);
    }

    /** {@code cdnConfigured}: the file has a {@code cdn:} section, which {@code purge:} needs. */
    RuleReader(NodeReader reader, Set<String> declaredCaches, boolean cdnConfigured) {
        this.reader = reader;
        this.writeBehindReader = new WriteBehindReader(reader);
        this.declaredCaches = declaredCaches;
        this.cdnConfigured = cdnConfigured;
    }

    List<Rule> rules(Node node, String path) {
        List<Rule> rules = new ArrayList<>();
        if (node == null) {
            return rules;
        }
        List<Node> items = reader.sequence(node, path);
        if (items == null) {
            return rules;
        }
        for (int i = 0; i < items.size(); i++) {
            Rule rule = rule(items.get(i), YamlPath.index(path, i));
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    /** The rule, or {@code null} when a required part is missing or broken (already reported). */
    private Rule rule(Node node, String path) {
        if (reader.problems().isRejected(node)) {
            return null;
        }
        if (!(node instanceof MappingNode)) {
            reader.problems().at(node, path, "expected a rule (a mapping with id, method and cache), found "
                    + NodeReader.describe(node));
            return null;
        }
        YamlMapping map = reader.mapping(node, path, KEYS);
        String id = reader.required(map, "id");
        if (id != null) {
            Node previous = ids.putIfAbsent(id, map.value("id"));
            if (previous != null) {
                reader.problems().at(map.value("id"), map.path("id"), "duplicate rule id \"" + id + "\" (first at line "
                        + (previous.getStartMark().getLine() + 1) + ")");
            }
        }
        MethodSelector method = selector(map);
        String cache = TagsReader.cacheMayBeOmitted(map) ? null : reader.required(map, "cache");
        if (cache != null && !declaredCaches.contains(cache)) {
            reader.problems().at(map.value("cache"), map.path("cache"), "undeclared cache \"" + cache + "\"; "
                    + (declaredCaches.isEmpty() ? "no caches are declared under caches:"
                    : "declared: " + String.join(", ", declaredCaches)));
            cache = null;
        }
        Action action = action(map);
        if (action == null) {
            return null;
        }
        boolean evict = action == Action.EVICT;
        Boolean allEntries = evictOnly(map, "allEntries", evict);
        Boolean before = evictOnly(map, "before", evict);
        if (Boolean.TRUE.equals(allEntries) && map.has("key")) {
            reader.problems().at(map.keyNode("key"), map.path("key"), "key must be absent when allEntries is true");
        }
        List<String> types = method == null ? null : method.parameterTypes();
        Template key = map.has("key") && !Boolean.TRUE.equals(allEntries) ? template(map, "key", false, types) : null;
        boolean writeBehind = action == Action.WRITE_BEHIND;
        Template value = notAllowed(map, "value", action != Action.PUT && !writeBehind, "only allowed with action: put or write-behind")
                ? null : template(map, "value", true, types);
        Condition when = map.has("when") ? condition(map, "when", false, types) : null;
        Condition unless = notAllowed(map, "unless", evict || writeBehind, "not allowed with action: " + (evict ? "evict"
                : "write-behind (the call returns before the method runs)")) ? null : condition(map, "unless", true, types);
        WriteBehind queue = notAllowed(map, WriteBehindReader.KEY, !writeBehind, "only allowed with action: write-behind")
                ? null : writeBehindReader.read(map);
        Duration ttl = notAllowed(map, "ttl", evict, "not allowed with action: evict") ? null
                : map.has("ttl") ? reader.positiveDuration(map.value("ttl"), map.path("ttl")) : null;
        RuleMode mode = mode(map, action);
        BatchKeys batch = new BatchKeys(reader, map, action, types);
        String each = batch.each(Boolean.TRUE.equals(allEntries), key);
        Template resultKey = batch.resultKey(each) ? template(map, "resultKey", false, types) : null;
        List<TagTemplate> tags = map.has("tags") ? new TagsReader(reader).read(map, types, Boolean.TRUE.equals(before)) : List.of();
        List<Template> purge = notAllowed(map, "purge", !evict, "only allowed with action: evict") ? List.of()
                : purgePaths(map, types);
        if (id == null || method == null || (cache == null && !TagsReader.cacheMayBeOmitted(map))) {
            return null;
        }
        return new Rule(id, method, cache, action, key, value, when, unless, ttl, Boolean.TRUE.equals(allEntries),
                Boolean.TRUE.equals(before), position(node), keyPositions(map), mode, writeBehind ? queue : null, each,
                resultKey, tags, purge);
    }

    /** {@code purge: ["/products/{product.id}"]}: request paths for the CDN, each a template over the arguments. */
    private List<Template> purgePaths(YamlMapping map, List<String> types) {
        if (!cdnConfigured) {
            reader.problems().at(map.keyNode("purge"), map.path("purge"), "purge needs cdn.purge (the URL purges are sent to)");
            return List.of();
        }
        List<Node> items = reader.sequence(map.value("purge"), map.path("purge"));
        List<Template> paths = new ArrayList<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            Node item = items.get(i);
            String at = YamlPath.index(map.path("purge"), i);
            String text = reader.text(item, at);
            if (text == null) {
                continue;
            }
            if (!text.startsWith("/")) {
                reader.problems().at(item, at, "invalid purge path \"" + text + "\"; a path starts with /, e.g. /products/{id}");
                continue;
            }
            try {
                paths.add(ExpressionParser.parseTemplate(text, false, types));
            } catch (ExpressionException e) {
                reportExpression(item, at, "template", text, e);
            }
        }
        return paths;
    }

    private Map<String, SourcePosition> keyPositions(YamlMapping map) {
        Map<String, SourcePosition> positions = new HashMap<>();
        for (String key : map.entries().keySet()) {
            positions.put(key, position(map.keyNode(key)));
        }
        return positions;
    }

    private MethodSelector selector(YamlMapping map) {
        String text = reader.required(map, "method");
        if (text == null) {
            return null;
        }
        try {
            return SelectorParser.parse(text);
        } catch (SelectorParser.SelectorException e) {
            reader.atOffset(map.value("method"), e.offset(), map.path("method"), e.getMessage());
            return null;
        }
    }

    private Action action(YamlMapping map) {
        if (!map.has("action")) {
            return Action.CACHE;
        }
        String text = reader.text(map.value("action"), map.path("action"));
        if (text == null) {
            return null;
        }
        switch (text.trim()) {
            case "cache": return Action.CACHE;
            case "put": return Action.PUT;
            case "evict": return Action.EVICT;
            case "write-behind": return Action.WRITE_BEHIND;
            default:
                reader.problems().at(map.value("action"), map.path("action"),
                        "invalid action \"" + text + "\"; allowed: cache, put, evict, write-behind");
                return null;
        }
    }

    /** {@code mode: live | shadow}; shadow only where a hit could skip the method (action: cache). */
    private RuleMode mode(YamlMapping map, Action action) {
        if (notAllowed(map, "mode", action != Action.CACHE, "only allowed with action: cache")) {
            return RuleMode.LIVE;
        }
        String text = reader.text(map.value("mode"), map.path("mode"));
        if (text == null) {
            return RuleMode.LIVE;
        }
        switch (text.trim()) {
            case "live": return RuleMode.LIVE;
            case "shadow": return RuleMode.SHADOW;
            default:
                reader.problems().at(map.value("mode"), map.path("mode"), "invalid mode \"" + text + "\"; allowed: live, shadow");
                return RuleMode.LIVE;
        }
    }

    /** Reports {@code key} when present but not allowed; true means "do not read it". */
    private boolean notAllowed(YamlMapping map, String key, boolean forbidden, String why) {
        if (!map.has(key)) {
            return true;
        }
        if (forbidden) {
            reader.problems().at(map.keyNode(key), map.path(key), key + " is " + why);
            return true;
        }
        return false;
    }

    private Boolean evictOnly(YamlMapping map, String key, boolean evict) {
        return notAllowed(map, key, !evict, "only allowed with action: evict") ? null
                : reader.bool(map.value(key), map.path(key));
    }

    private Template template(YamlMapping map, String key, boolean allowResult, List<String> parameterTypes) {
        Node node = map.value(key);
        if (node instanceof MappingNode) {
            reader.problems().at(node, map.path(key), "expected a template, found a mapping; quote it: "
                    + key + ": \"{id}\"");
            return null;
        }
        String text = reader.text(node, map.path(key));
        try {
            return text == null ? null : ExpressionParser.parseTemplate(text, allowResult, parameterTypes);
        } catch (ExpressionException e) {
            reportExpression(node, map.path(key), "template", text, e);
            return null;
        }
    }

    private Condition condition(YamlMapping map, String key, boolean allowResult, List<String> parameterTypes) {
        Node node = map.value(key);
        String text = reader.text(node, map.path(key));
        try {
            return text == null ? null : ExpressionParser.parseCondition(text, allowResult, parameterTypes);
        } catch (ExpressionException e) {
            reportExpression(node, map.path(key), "condition", text, e);
            return null;
        }
    }

    private void reportExpression(Node node, String path, String kind, String text, ExpressionException e) {
        reader.atOffset(node, e.offset(), path, "invalid " + kind + " \"" + text + "\" at offset " + e.offset()
                + ": " + e.getMessage());
    }

    private SourcePosition position(Node node) {
        return new SourcePosition(reader.problems().file(), node.getStartMark().getLine() + 1,
                node.getStartMark().getColumn() + 1);
    }
}
