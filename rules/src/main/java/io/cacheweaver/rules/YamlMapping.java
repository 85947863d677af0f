package io.cacheweaver.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * One YAML mapping seen through its allowed keys: unknown keys have already been reported, and
 * for a duplicated key only the first occurrence counts (the duplicate was reported by {@link YamlTree}).
 *
 * @param node the mapping node, or for an empty value ({@code local:}) the scalar standing in for it
 */
record YamlMapping(String path, Node node, Map<String, NodeTuple> entries) {
    YamlMapping {
        entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The value node, or {@code null} when the key is absent. */
    Node value(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    /** The key node (where "not allowed here" problems point), or {@code null} when absent. */
    Node keyNode(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getKeyNode();
    }

    String path(String key) {
        return YamlPath.child(path, key);
    }

    static String keyText(NodeTuple tuple) {
        return ((ScalarNode) tuple.getKeyNode()).getValue();
    }
}
