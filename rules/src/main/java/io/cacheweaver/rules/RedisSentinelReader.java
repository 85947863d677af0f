package io.cacheweaver.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** {@code redis.sentinel: { master: mymaster, nodes: [host:26379, ...] }}. */
final class RedisSentinelReader {
    static final List<String> KEYS = List.of("master", "nodes");
    private static final Pattern NODE = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+):(\\d{1,5})");

    private final NodeReader reader;

    RedisSentinelReader(NodeReader reader) {
        this.reader = reader;
    }

    RedisSentinel read(Node node, String path) {
        YamlMapping map = reader.mapping(node, path, KEYS);
        String master = null;
        if (!map.has("master")) {
            reader.problems().at(node, path, "missing required key \"master\"; expected the name the sentinels monitor, e.g. mymaster");
        } else {
            master = reader.text(map.value("master"), map.path("master"));
            master = master == null ? null : master.trim();
        }
        List<String> nodes = new ArrayList<>();
        if (!map.has("nodes")) {
            reader.problems().at(node, path, "missing required key \"nodes\"; expected a list of sentinels, e.g. [sentinel1:26379, sentinel2:26379]");
        } else {
            List<Node> items = reader.sequence(map.value("nodes"), map.path("nodes"));
            for (int i = 0; items != null && i < items.size(); i++) {
                String itemPath = map.path("nodes") + "[" + i + "]";
                String text = reader.text(items.get(i), itemPath);
                if (text == null) {
                    continue;
                }
                var m = NODE.matcher(text.trim());
                int port = m.matches() ? Integer.parseInt(m.group(2)) : 0;
                if (port < 1 || port > 65535) {
                    reader.problems().at(items.get(i), itemPath, "invalid sentinel \"" + text + "\"; expected host:port, e.g. sentinel1:26379");
                } else {
                    nodes.add(text.trim());
                }
            }
            if (items != null && items.isEmpty()) {
                reader.problems().at(map.value("nodes"), map.path("nodes"), "no sentinels; expected at least one host:port");
            }
        }
        return master == null || nodes.isEmpty() ? null : new RedisSentinel(master, nodes);
    }
}
