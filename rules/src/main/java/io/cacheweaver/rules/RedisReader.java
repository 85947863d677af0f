package io.cacheweaver.rules;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/** The {@code redis:} section. Never lets a password reach a message. */
final class RedisReader {
    static final List<String> KEYS = Stream.concat(Stream.of("url", "keyPrefix", "timeout", "cluster", "outboxSize"),
            Stream.concat(RedisValuesReader.KEYS.stream(), Stream.of("sentinel"))).toList();

    /** The url a sentinel setup without one stands for: no credentials, no TLS, database 0 (its host is never used). */
    static final String SENTINEL_URL = "redis://sentinel-master:6379/0";

    private final NodeReader reader;

    RedisReader(NodeReader reader) {
        this.reader = reader;
    }

    RedisSettings read(Node node, String path) {
        YamlMapping map = reader.mapping(node, path, KEYS);
        String url = null;
        RedisSentinel sentinel = map.has("sentinel") ? new RedisSentinelReader(reader).read(map.value("sentinel"), map.path("sentinel")) : null;
        if (!map.has("url") && map.has("sentinel")) {
            url = SENTINEL_URL; // with sentinels the url only carries credentials, TLS and database: none here
        } else if (!map.has("url")) {
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
        RedisValues values = new RedisValuesReader(reader).read(map);
        if (sentinel != null && cluster) {
            reader.problems().at(map.value("sentinel"), map.path("sentinel"), "sentinel and cluster: true exclude each other;"
                    + " a Redis Cluster fails over by itself");
        }
        int outboxSize = RedisSettings.DEFAULT_OUTBOX_SIZE;
        if (map.has("outboxSize")) {
            Long size = reader.positiveInteger(map.value("outboxSize"), map.path("outboxSize"));
            outboxSize = size == null ? outboxSize : (int) Math.min(size, 10_000_000); // memory, not a queue to fill
        }
        return new RedisSettings(url, prefix, timeout, cluster, values, sentinel, outboxSize);
    }

    static boolean valid(String url) {
        return RedisUrl.isValid(url);
    }
}
