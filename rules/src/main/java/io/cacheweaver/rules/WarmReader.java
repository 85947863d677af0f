package io.cacheweaver.rules;

import io.cacheweaver.rules.CacheReader.Sourced;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code warm: { top: N, file: path }}. A relative {@code file} is taken relative to the rules
 * file's directory, not the application's working directory, which an operator editing the
 * rules file rarely knows.
 */
final class WarmReader {
    static final String WARM = "warm";
    private static final List<String> KEYS = List.of("top", "file");

    private final NodeReader reader;

    WarmReader(NodeReader reader) {
        this.reader = reader;
    }

    Sourced<Warm> read(YamlMapping cache) {
        Node node = cache.value(WARM);
        String path = cache.path(WARM);
        YamlMapping map = reader.mapping(node, path, KEYS);
        Long top = null;
        if (!map.has("top")) {
            reader.problems().at(node, path, "warm needs top, the number of entries to warm, e.g. warm: { top: 1000 }");
        } else {
            top = reader.positiveInteger(map.value("top"), map.path("top"));
            if (top != null && top > Warm.MAX_TOP) {
                reader.problems().at(map.value("top"), map.path("top"), "warm.top " + top + " is too large; allowed: 1 to "
                        + Warm.MAX_TOP);
                top = null;
            }
        }
        Path file = map.has("file") ? file(map) : null;
        boolean fileOk = !map.has("file") || file != null;
        return new Sourced<>(top == null || !fileOk ? null : new Warm(top.intValue(), file), node, path);
    }

    private Path file(YamlMapping map) {
        String text = reader.text(map.value("file"), map.path("file"));
        if (text == null) {
            return null;
        }
        try {
            Path file = Path.of(text.trim());
            if (file.isAbsolute() || text.isBlank()) {
                return text.isBlank() ? invalid(map, text) : file;
            }
            Path rulesDir = Path.of(reader.problems().file()).toAbsolutePath().getParent();
            return rulesDir == null ? file.toAbsolutePath() : rulesDir.resolve(file);
        } catch (InvalidPathException e) {
            return invalid(map, text);
        }
    }

    private Path invalid(YamlMapping map, String text) {
        reader.problems().at(map.value("file"), map.path("file"), "invalid warm.file \"" + text + "\"; expected a file path");
        return null;
    }

    /** The cache's warming once its layers are known: it fills the local layer, from Redis or else a file. */
    Warm resolve(String cache, Sourced<Warm> warm, Set<Layer> layers) {
        if (warm == null || warm.value() == null) {
            return null;
        }
        if (layers != null && !layers.contains(Layer.LOCAL)) {
            reader.problems().at(warm.node(), warm.path(), "warm fills the local layer, but cache \"" + cache
                    + "\" has none; add local to its layers or remove warm");
            return null;
        }
        if (layers != null && !layers.contains(Layer.REDIS) && warm.value().file() == null) {
            reader.problems().at(warm.node(), warm.path(), "warm in cache \"" + cache + "\" needs a file without the redis"
                    + " layer: the hot entries are kept in Redis, or else in a snapshot file written at shutdown,"
                    + " e.g. warm: { top: 1000, file: " + cache + ".snap }");
            return null;
        }
        return warm.value();
    }
}
