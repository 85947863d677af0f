package io.cacheweaver.rules;

import io.cacheweaver.rules.MetricsSettings.Prometheus;
import java.time.Duration;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** The {@code metrics:} section: the Prometheus endpoint and the slow Redis call threshold. */
final class MetricsReader {
    static final List<String> KEYS = List.of("prometheus", "slowRemote");
    static final List<String> PROMETHEUS_KEYS = List.of("port", "host");

    private final NodeReader reader;

    MetricsReader(NodeReader reader) {
        this.reader = reader;
    }

    MetricsSettings read(Node node, String path) {
        YamlMapping map = reader.mapping(node, path, KEYS);
        Prometheus prometheus = map.has("prometheus") ? prometheus(map.value("prometheus"), map.path("prometheus")) : null;
        Duration slowRemote = null;
        if (map.has("slowRemote")) {
            String text = reader.text(map.value("slowRemote"), map.path("slowRemote"));
            if (text != null && !text.trim().equals("off")) {
                slowRemote = reader.positiveDuration(map.value("slowRemote"), map.path("slowRemote"));
            }
        }
        return new MetricsSettings(prometheus, slowRemote);
    }

    private Prometheus prometheus(Node node, String path) {
        YamlMapping map = reader.mapping(node, path, PROMETHEUS_KEYS);
        int port = Prometheus.DEFAULT_PORT;
        if (map.has("port")) {
            String text = reader.text(map.value("port"), map.path("port"));
            Integer parsed = text == null ? null : port(text.trim());
            if (text != null && parsed == null) {
                reader.problems().at(map.value("port"), map.path("port"), "invalid port \"" + text
                        + "\"; expected 1 to 65535, or 0 for any free port");
            }
            port = parsed == null ? port : parsed;
        }
        String host = Prometheus.DEFAULT_HOST;
        if (map.has("host")) {
            String text = reader.text(map.value("host"), map.path("host"));
            if (text != null && text.isBlank()) {
                reader.problems().at(map.value("host"), map.path("host"), "host must not be empty; e.g. 127.0.0.1 or 0.0.0.0");
            } else if (text != null) {
                host = text.trim();
            }
        }
        return new Prometheus(host, port);
    }

    private static Integer port(String text) {
        try {
            int port = Integer.parseInt(text);
            return port >= 0 && port <= 65535 ? port : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
