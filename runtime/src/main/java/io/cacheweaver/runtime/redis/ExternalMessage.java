package io.cacheweaver.runtime.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;

/**
 * The documented invalidation message any publisher may send on {@code <keyPrefix>invalidate}
 * (docs/redis.md): {@code {"cache":"products","key":"42"}}, {@code {"cache":"products","all":true}}
 * or {@code {"tag":"product:42"}}. A key may also be given as a JSON number. Anything else —
 * other fields, a missing or empty name, both a key and {@code all} — is malformed.
 *
 * @param cache {@code null} for a tag
 * @param key   {@code null} unless one key
 * @param tag   {@code null} unless a tag
 */
record ExternalMessage(String cache, String key, boolean all, String tag) {
    /** Larger messages are not parsed at all: no legitimate invalidation is that long. */
    static final int MAX_LENGTH = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("cache", "key", "all", "tag");

    static ExternalMessage key(String cache, String key) {
        return new ExternalMessage(cache, key, false, null);
    }

    static ExternalMessage all(String cache) {
        return new ExternalMessage(cache, null, true, null);
    }

    static ExternalMessage tag(String tag) {
        return new ExternalMessage(null, null, false, tag);
    }

    String format() {
        ObjectNode node = JSON.createObjectNode();
        if (tag != null) {
            node.put("tag", tag);
        } else {
            node.put("cache", cache);
            if (all) {
                node.put("all", true);
            } else {
                node.put("key", key);
            }
        }
        return node.toString();
    }

    /** The message, or {@code null} when {@code text} is not a valid invalidation. */
    static ExternalMessage parse(String text) {
        if (text == null || text.length() > MAX_LENGTH || !text.trim().startsWith("{")) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            if (!FIELDS.contains(names.next())) {
                return null;
            }
        }
        String tag = text(node.get("tag"), false);
        String cache = text(node.get("cache"), false);
        String key = text(node.get("key"), true);
        JsonNode all = node.get("all");
        if (tag != null) {
            return node.size() == 1 ? tag(tag) : null;
        }
        if (cache == null) {
            return null;
        }
        if (key != null && all == null && node.size() == 2) {
            return key(cache, key);
        }
        if (key == null && all != null && all.isBoolean() && all.booleanValue() && node.size() == 2) {
            return all(cache);
        }
        return null;
    }

    private static String text(JsonNode value, boolean numberAllowed) {
        if (value == null) {
            return null;
        }
        if (value.isTextual() && !value.textValue().isEmpty()) {
            return value.textValue();
        }
        return numberAllowed && value.isIntegralNumber() ? value.asText() : null;
    }
}
