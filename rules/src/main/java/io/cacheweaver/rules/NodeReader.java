package io.cacheweaver.rules;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads typed values out of nodes, expanding {@code ${VAR}} in every scalar and reporting each
 * bad value at its own position. Every method returns {@code null} after reporting a problem, so
 * callers just skip checks that depend on it and carry on.
 */
final class NodeReader {
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d+)?)\\s*%");

    private final Problems problems;
    private final EnvExpander env;

    NodeReader(Problems problems, EnvExpander env) {
        this.problems = problems;
        this.env = env;
    }

    Problems problems() {
        return problems;
    }

    /** A mapping limited to {@code allowed} keys; an empty value ({@code local:}) is an empty mapping. */
    YamlMapping mapping(Node node, String path, List<String> allowed) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        if (problems.isRejected(node)) {
            return new YamlMapping(path, node, entries);
        }
        if (node instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode)) {
                    continue; // reported by YamlTree
                }
                String key = YamlMapping.keyText(tuple);
                if (problems.isRejected(tuple.getKeyNode())) {
                    continue; // e.g. a merge key, already explained
                }
                if (!allowed.contains(key)) {
                    problems.at(tuple.getKeyNode(), YamlPath.child(path, key),
                            "unknown key \"" + key + "\"; allowed: " + String.join(", ", allowed));
                } else {
                    entries.putIfAbsent(key, tuple);
                }
            }
        } else if (!YamlTree.isEmptyScalar(node)) {
            problems.at(node, path, "expected a mapping with keys " + String.join(", ", allowed) + ", found "
                    + describe(node));
        }
        return new YamlMapping(path, node, entries);
    }

    /** The scalar's text after {@code ${VAR}} expansion. */
    String text(Node node, String path) {
        if (problems.isRejected(node)) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            problems.at(node, path, "expected a single value, found " + describe(node));
            return null;
        }
        try {
            return env.expand(scalar.getValue());
        } catch (EnvExpander.ExpansionException e) {
            atOffset(scalar, e.offset(), path, e.getMessage());
            return null;
        }
    }

    /** A duration greater than zero. */
    Duration positiveDuration(Node node, String path) {
        String text = text(node, path);
        if (text == null) {
            return null;
        }
        Duration d = DurationParser.parse(text).orElse(null);
        if (d == null) {
            problems.at(node, path, DurationParser.invalidMessage(text));
        } else if (d.isZero() || d.isNegative()) {
            problems.at(node, path, "must be greater than zero, got \"" + text + "\"");
            return null;
        }
        return d;
    }

    /** {@code 0%} .. {@code 100%} as 0.0 .. 1.0. */
    Double percent(Node node, String path) {
        String text = text(node, path);
        if (text == null) {
            return null;
        }
        Matcher m = PERCENT.matcher(text.trim());
        double value = m.matches() ? Double.parseDouble(m.group(1)) : -1;
        if (value < 0 || value > 100) {
            problems.at(node, path, "invalid percentage \"" + text + "\"; expected 0% to 100%, e.g. 10%");
            return null;
        }
        return value / 100.0;
    }

    /** The trimmed text of a key that must be present and not blank; {@code null} after reporting it missing or empty. */
    String required(YamlMapping map, String key) {
        if (!map.has(key)) {
            problems.at(map.node(), map.path(), "missing required key \"" + key + "\"");
            return null;
        }
        String text = text(map.value(key), map.path(key));
        if (text != null && text.isBlank()) {
            problems.at(map.value(key), map.path(key), key + " must not be empty");
            return null;
        }
        return text == null ? null : text.trim();
    }

    Long positiveInteger(Node node, String path) {
        String text = text(node, path);
        if (text == null) {
            return null;
        }
        try {
            long value = Long.parseLong(text.trim().replace("_", ""));
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.at(node, path, "invalid number \"" + text + "\"; expected a whole number greater than zero");
        return null;
    }

    Boolean bool(Node node, String path) {
        String text = text(node, path);
        if (text == null) {
            return null;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text.toLowerCase());
        }
        problems.at(node, path, "invalid boolean \"" + text + "\"; expected true or false");
        return null;
    }

    /** Items of a sequence; a single scalar counts as a one-item list. */
    List<Node> sequence(Node node, String path) {
        if (problems.isRejected(node)) {
            return null;
        }
        if (node instanceof SequenceNode seq) {
            return seq.getValue();
        }
        if (node instanceof ScalarNode && !YamlTree.isEmptyScalar(node)) {
            return List.of(node);
        }
        if (YamlTree.isEmptyScalar(node)) {
            return List.of();
        }
        problems.at(node, path, "expected a list, found " + describe(node));
        return null;
    }

    /**
     * Reports at a character offset inside a scalar where that can be mapped to a column (a
     * single-line plain or quoted scalar), else at the scalar itself.
     */
    void atOffset(Node node, int offset, String path, String message) {
        if (node instanceof ScalarNode scalar && node.getStartMark().getLine() == node.getEndMark().getLine()) {
            DumperOptions.ScalarStyle style = scalar.getScalarStyle();
            int quote = style == DumperOptions.ScalarStyle.SINGLE_QUOTED
                    || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED ? 1 : 0;
            boolean simple = style == DumperOptions.ScalarStyle.PLAIN || quote == 1;
            if (simple) {
                problems.at(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1 + quote + offset,
                        path, message);
                return;
            }
        }
        problems.at(node, path, message);
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return node instanceof ScalarNode s ? "\"" + s.getValue() + "\"" : "nothing";
    }
}
