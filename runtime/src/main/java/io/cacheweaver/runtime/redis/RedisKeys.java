package io.cacheweaver.runtime.redis;

import java.nio.charset.StandardCharsets;

/**
 * The key layout in Redis, all under the rules' {@code keyPrefix}:
 * <pre>
 *   &lt;prefix&gt;&lt;cache&gt;:gen                  the cache's generation (INCR on evict-all; no TTL)
 *   &lt;prefix&gt;&lt;cache&gt;:&lt;gen&gt;:&lt;key&gt;          a value of that generation (PX = its TTL)
 *   &lt;prefix&gt;&lt;cache&gt;:lease:&lt;gen&gt;:&lt;key&gt;    who is loading that key right now (PX = lease time)
 *   &lt;prefix&gt;&lt;cache&gt;:refresh:&lt;gen&gt;:&lt;key&gt;  who is reloading that key ahead of its expiry (refreshAfter)
 *   &lt;prefix&gt;&lt;cache&gt;:hot                  the cache's hot keys (a sorted set, for pre-warming)
 *   &lt;prefix&gt;%tag:&lt;tag&gt;                 a tag's generation (a random number; absent = 0), PX = tag retention
 *   &lt;prefix&gt;invalidate                    the pub/sub channel
 * </pre>
 * The rendered key is last and taken as is (rule keys are already injective); {@code :} and
 * {@code %} in a cache name are percent-escaped so that two caches can never share a key (and
 * no cache's keys can start with {@code %tag:}, whatever its name).
 */
final class RedisKeys {
    private final String prefix;

    RedisKeys(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    String generation(String cache) {
        return prefix + escape(cache) + ":gen";
    }

    byte[] data(String cache, long generation, String key) {
        return bytes(prefix + escape(cache) + ":" + generation + ":" + key);
    }

    String lease(String cache, long generation, String key) {
        return prefix + escape(cache) + ":lease:" + generation + ":" + key;
    }

    String refresh(String cache, long generation, String key) {
        return prefix + escape(cache) + ":refresh:" + generation + ":" + key;
    }

    String hot(String cache) {
        return prefix + escape(cache) + ":hot";
    }

    String tag(String tag) {
        return prefix + "%tag:" + tag;
    }

    String channel() {
        return prefix + "invalidate";
    }

    private static String escape(String cache) {
        return cache.replace("%", "%25").replace(":", "%3A");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
