package io.cacheweaver.rules;

import java.time.Duration;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** The {@code redis:} section. Never lets a password reach a message. */
final class RedisReader {
    static final List<String> KEYS = List.of("url", "keyPrefix", "timeout", "cluster", "outboxSize");

    private final NodeReader reader;

    RedisReader(NodeReader reader) {
        this.reader = reader;
    }

    RedisSettings read(Node node, String path) {
        YamlMapping map = reader.mapping(node, path, KEYS);
        String url = null;
        if (!map.has("url")) {
            reader.problems().at(node, path, "missing required key \"url\"; expected redis://[user:password@]host:port[/db]");
        } else {
            url = reader.text(map.value("url"), map.path("url"));
            if (url != null && !valid(url.trim())) {
                reader.problems().at(map.value("url"), map.path("url"), "invalid redis url \""
                        + RedisSettings.redact(url) + "\"; " + RedisUrl.EXPECTED);
            }
            url = url == null ? null : url.trim();
        }
        String prefix = RedisSettings.DEFAULT_KEY_PREFIX;
        if (map.has("keyPrefix")) {
            String text = reader.text(map.value("keyPrefix"), map.path("keyPrefix"));
            prefix = text == null ? prefix : text;
        }
        Duration timeout = RedisSettings.DEFAULT_TIMEOUT;
        if (map.has("timeout")) {
            Duration d = reader.positiveDuration(map.value("timeout"), map.path("timeout"));
            timeout = d == null ? timeout : d;
        }
        boolean cluster = false;
        if (map.has("cluster")) {
            Boolean b = reader.bool(map.value("cluster"), map.path("cluster"));
            cluster = Boolean.TRUE.equals(b);
            int database = url != null && valid(url) ? RedisUrl.parse(url).database() : 0;
            if (cluster && database != 0) {
                // a cluster has database 0 only; SELECT would fail on every connection
                reader.problems().at(map.value("url"), map.path("url"), "a Redis Cluster has only database 0; remove \"/"
                        + database + "\" from the url or set cluster: false");
            }
        }
        int outboxSize = RedisSettings.DEFAULT_OUTBOX_SIZE;
        if (map.has("outboxSize")) {
            Long size = reader.positiveInteger(map.value("outboxSize"), map.path("outboxSize"));
            outboxSize = size == null ? outboxSize : (int) Math.min(size, 10_000_000); // memory, not a queue to fill

        }
        return new RedisSettings(url, prefix, timeout, cluster, outboxSize);
    }

    static boolean valid(String url) {
        return RedisUrl.isValid(url);
    }
}
