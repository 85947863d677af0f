package io.cacheweaver.rules;

import io.cacheweaver.rules.expr.ExpressionException;
import io.cacheweaver.rules.expr.TagParser;
import io.cacheweaver.rules.expr.TagTemplate;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** A rule's {@code tags:}: a list of tag templates, each reported at its own position. */
final class TagsReader {
    private final NodeReader reader;

    TagsReader(NodeReader reader) {
        this.reader = reader;
    }

    /**
     * An evict rule that only evicts tags names no cache: {@code action: evict} with {@code tags},
     * without {@code cache}, {@code key} and {@code allEntries}.
     */
    static boolean cacheMayBeOmitted(YamlMapping map) {
        return !map.has("cache") && map.has("tags") && !map.has("key") && !map.has("allEntries")
                && map.value("action") instanceof ScalarNode action && "evict".equals(action.getValue().trim());
    }

    /** The templates; an empty list after reporting problems. {@code before}: no result exists yet. */
    List<TagTemplate> read(YamlMapping map, List<String> parameterTypes, boolean before) {
        Node node = map.value("tags");
        String path = map.path("tags");
        if (!(node instanceof SequenceNode)) {
            reader.problems().at(node, path, "expected a list of tag templates, e.g. tags: [\"product:{id}\"], found "
                    + NodeReader.describe(node));
            return List.of();
        }
        List<Node> items = reader.sequence(node, path);
        List<TagTemplate> tags = new ArrayList<>();
        if (items == null) {
            return tags;
        }
        if (items.isEmpty()) {
            reader.problems().at(node, path, "tags must list at least one tag template");
        }
        for (int i = 0; i < items.size(); i++) {
            String itemPath = YamlPath.index(path, i);
            String text = reader.text(items.get(i), itemPath);
            if (text == null) {
                continue;
            }
            try {
                tags.add(TagParser.parse(text, !before, parameterTypes));
            } catch (ExpressionException e) {
                reader.atOffset(items.get(i), e.offset(), itemPath, "invalid tag template \"" + text + "\" at offset "
                        + e.offset() + ": " + e.getMessage());
            }
        }
        return tags;
    }
}
