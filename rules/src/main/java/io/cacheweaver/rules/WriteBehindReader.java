package io.cacheweaver.rules;

import java.time.Duration;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code writeBehind:} mapping of a rule: each key read where it is written, with the
 * defaults of {@link WriteBehind#DEFAULTS} for the keys left out. Every problem is reported at
 * its key, and the settings are then the defaults for that key.
 */
final class WriteBehindReader {
    static final String KEY = "writeBehind";
    static final java.util.List<String> KEYS = java.util.List.of("delay", "maxQueue", "retries", "flushTimeout");
    /** More would mean a source that fails for hours is retried for hours: give up and evict instead. */
    private static final int MAX_RETRIES = 100;

    private final NodeReader reader;

    WriteBehindReader(NodeReader reader) {
        this.reader = reader;
    }

    WriteBehind read(YamlMapping rule) {
        WriteBehind defaults = WriteBehind.DEFAULTS;
        if (!rule.has(KEY)) {
            return defaults;
        }
        YamlMapping map = reader.mapping(rule.value(KEY), rule.path(KEY), KEYS);
        Duration delay = map.has("delay") ? reader.positiveDuration(map.value("delay"), map.path("delay")) : null;
        Long maxQueue = map.has("maxQueue") ? reader.positiveInteger(map.value("maxQueue"), map.path("maxQueue")) : null;
        if (maxQueue != null && maxQueue > Integer.MAX_VALUE) {
            reader.problems().at(map.value("maxQueue"), map.path("maxQueue"), "maxQueue " + maxQueue + " is too large; at most "
                    + Integer.MAX_VALUE);
            maxQueue = null;
        }
        Integer retries = map.has("retries") ? retries(map.value("retries"), map.path("retries")) : null;
        Duration flushTimeout = map.has("flushTimeout")
                ? reader.positiveDuration(map.value("flushTimeout"), map.path("flushTimeout")) : null;
        return new WriteBehind(delay == null ? defaults.delay() : delay,
                maxQueue == null ? defaults.maxQueue() : maxQueue.intValue(),
                retries == null ? defaults.retries() : retries,
                flushTimeout == null ? defaults.flushTimeout() : flushTimeout);
    }

    /** 0 (run once, no retry) up to {@link #MAX_RETRIES}. */
    private Integer retries(Node node, String path) {
        String text = reader.text(node, path);
        if (text == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0 && value <= MAX_RETRIES) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        reader.problems().at(node, path, "invalid retries \"" + text + "\"; expected a whole number from 0 to " + MAX_RETRIES);
        return null;
    }
}
