package io.cacheweaver.runtime.redis;

import io.cacheweaver.rules.DurationParser;
import io.cacheweaver.rules.RedisSettings;
import java.time.Duration;
import java.util.Properties;

/**
 * Everything the Redis layer needs beyond the rules file's {@code redis:} section. The defaults
 * derive from the rules' {@code timeout}; each can be overridden with a system property
 * {@code cacheweaver.redis.<name>} (documented in docs/redis.md) so operators can tune a running
 * fleet without a rules change. Every wait is bounded: nothing here can be "forever".
 *
 * @param commandTimeout   socket read timeout per command (the rules' {@code timeout})
 * @param connectTimeout   TCP/TLS connect timeout: the larger of 2 × timeout and 200 ms
 * @param poolMaxWait      longest wait for a free pooled connection: the command timeout
 * @param poolMaxTotal     pooled connections per JVM
 * @param breakerFailures  consecutive failures that open the circuit breaker
 * @param breakerOpen      how long an open breaker bypasses Redis before one probe is let through
 * @param maxValueBytes    larger encoded values are not stored (and not read)
 * @param leaseTime        how long one instance may hold the right to load a key for all others
 * @param invalidation     whether instances tell each other about writes over pub/sub
 * @param generationRefresh how long a cache's generation number is trusted without asking Redis
 * @param pingInterval     how often the subscriber connection is checked; silent for 3 × this = lost
 * @param tombstoneTime    how long an evicted key keeps a tombstone that rejects the stores of loads
 *                         started before the evict: the longest load that is still protected
 */
public record RedisOptions(Duration commandTimeout, Duration connectTimeout, Duration poolMaxWait, int poolMaxTotal,
                           int breakerFailures, Duration breakerOpen, int maxValueBytes, Duration leaseTime,
                           boolean invalidation, Duration generationRefresh, Duration pingInterval,
                           Duration tombstoneTime) {
    static final String PREFIX = "cacheweaver.redis.";

    public static RedisOptions defaults(Duration timeout) {
        Duration connect = timeout.multipliedBy(2).compareTo(Duration.ofMillis(200)) > 0 ? timeout.multipliedBy(2) : Duration.ofMillis(200);
        return new RedisOptions(timeout, connect, timeout, 16, 5, Duration.ofSeconds(5), 1 << 20, Duration.ofSeconds(2),
                true, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    /** The defaults for {@code settings}, overridden by {@code cacheweaver.redis.*} properties that parse. */
    public static RedisOptions from(RedisSettings settings, Properties properties) {
        Duration timeout = settings.timeout() == null ? RedisSettings.DEFAULT_TIMEOUT : settings.timeout();
        RedisOptions d = defaults(timeout);
        return new RedisOptions(timeout,
                duration(properties, "connectTimeout", d.connectTimeout),
                duration(properties, "poolMaxWait", d.poolMaxWait),
                integer(properties, "poolMaxTotal", d.poolMaxTotal),
                integer(properties, "breakerFailures", d.breakerFailures),
                duration(properties, "breakerOpen", d.breakerOpen),
                integer(properties, "maxValueBytes", d.maxValueBytes),
                duration(properties, "leaseTime", d.leaseTime),
                !"false".equalsIgnoreCase(properties.getProperty(PREFIX + "invalidation")),
                duration(properties, "generationRefresh", d.generationRefresh),
                duration(properties, "pingInterval", d.pingInterval),
                duration(properties, "tombstoneTime", d.tombstoneTime));
    }

    private static Duration duration(Properties properties, String name, Duration fallback) {
        String text = properties.getProperty(PREFIX + name);
        return text == null ? fallback : DurationParser.parse(text.trim()).filter(d -> !d.isNegative() && !d.isZero()).orElse(fallback);
    }

    private static int integer(Properties properties, String name, int fallback) {
        String text = properties.getProperty(PREFIX + name);
        try {
            int value = text == null ? fallback : Integer.parseInt(text.trim());
            return value > 0 ? value : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
