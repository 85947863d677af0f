package io.cacheweaver.rules;

import java.io.StringReader;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns YAML text into a node tree without constructing any Java object (so no tag can ever
 * instantiate a class), then rejects explicit non-standard tags and duplicate keys, both with
 * their position. Only the node tree is used afterwards: every node carries its Mark.
 */
final class YamlTree {
    static final int MAX_ALIASES = 50;
    static final int MAX_DEPTH = 50;
    static final int MAX_CODE_POINTS = 1024 * 1024;

    /** Tags the resolver assigns to plain YAML; writing them explicitly ({@code !!str}) is harmless. */
    private static final Set<Tag> STANDARD_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
            Tag.MAP, Tag.SEQ, Tag.TIMESTAMP);

    private YamlTree() {
    }

    /** The document's root node, or {@code null} after reporting why there is none. */
    static Node compose(String yaml, Problems problems) {
        // Checked here as well: SnakeYAML's own limit counts per token fetch and lets long comments through.
        if (yaml.length() > MAX_CODE_POINTS && yaml.codePointCount(0, yaml.length()) > MAX_CODE_POINTS) {
            problems.atStart("", "the rules file is too large (more than " + MAX_CODE_POINTS + " characters)");
            return null;
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(false);
        // Composing never instantiates tags; our own check below reports them with a position.
        options.setTagInspector(tag -> true);
        Node root;
        MarkingParser parser = new MarkingParser(new ParserImpl(new StreamReader(new StringReader(yaml)), options));
        try {
            root = new Composer(parser, new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            String problem = e.getProblem() == null ? e.getContext() : e.getProblem();
            problems.at(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark(), "",
                    "invalid YAML: " + problem);
            return null;
        } catch (YAMLException e) {
            // limits (aliases, nesting) are unmarked: the event being composed is where the limit was hit
            problems.at(parser.lastMark(), "", "invalid YAML: " + e.getMessage());
            return null;
        }
        if (root == null || isEmptyScalar(root)) {
            problems.atStart("", "the rules file is empty; expected at least \"version: 1\" and \"rules:\"");
            return null;
        }
        check(root, "", problems, Collections.newSetFromMap(new IdentityHashMap<>()));
        return root;
    }

    /** Remembers where the last event handed to the composer starts. */
    private static final class MarkingParser implements Parser {
        private final Parser delegate;
        private Mark lastMark;

        MarkingParser(Parser delegate) {
            this.delegate = delegate;
        }

        Mark lastMark() {
            return lastMark;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return delegate.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return delegate.peekEvent();
        }

        @Override
        public Event getEvent() {
            Event event = delegate.getEvent();
            if (event != null && event.getStartMark() != null) {
                lastMark = event.getStartMark();
            }
            return event;
        }
    }

    static boolean isEmptyScalar(Node node) {
        return node instanceof ScalarNode s && (Tag.NULL.equals(s.getTag()) || s.getValue().isEmpty()) && s.isPlain();
    }

    private static void check(Node node, String path, Problems problems, Set<Node> seen) {
        if (!seen.add(node)) {
            return; // an alias: already checked where its anchor was defined
        }
        if (Tag.MERGE.equals(node.getTag()) && node instanceof ScalarNode) {
            problems.at(node, path, "merge keys (<<) are not supported; repeat the settings or use defaults:");
            problems.reject(node);
            return;
        }
        if (!STANDARD_TAGS.contains(node.getTag())) {
            problems.at(node, path, "YAML tags are not allowed (found \"" + shortTag(node.getTag()) + "\")");
            problems.reject(node);
            return; // whatever is inside is meant for that tag: one problem is enough
        }
        if (node instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                check(seq.getValue().get(i), path + "[" + i + "]", problems, seen);
            }
        } else if (node instanceof MappingNode map) {
            Map<String, Node> first = new HashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                Node key = tuple.getKeyNode();
                if (!(key instanceof ScalarNode scalarKey)) {
                    problems.at(key, path, "keys must be plain names, not lists or mappings");
                    continue;
                }
                String childPath = YamlPath.child(path, scalarKey.getValue());
                Node previous = first.putIfAbsent(scalarKey.getValue(), key);
                if (previous != null) {
                    problems.at(key, childPath, "duplicate key \"" + scalarKey.getValue() + "\" (first at line "
                            + (previous.getStartMark().getLine() + 1) + ")");
                }
                check(key, childPath, problems, seen);
                check(tuple.getValueNode(), childPath, problems, seen);
            }
        }
    }

    private static String shortTag(Tag tag) {
        String value = tag.getValue();
        return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
    }
}
