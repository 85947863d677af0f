package io.cacheweaver.runtime.redis;

import io.cacheweaver.rules.RedisSettings;
import io.cacheweaver.runtime.settings.AgentSettings;
import io.cacheweaver.runtime.settings.Settings;
import java.time.Duration;
import java.util.Properties;

/**
 * Everything the Redis layer needs beyond the rules file's {@code redis:} section. The defaults
 * derive from the rules' {@code timeout}; each can be overridden with an operator setting
 * {@code redis.<name>} ({@link Settings}; docs/operations.md) so operators can tune a fleet
 * without a rules change. Every wait is bounded: nothing here can be "forever".
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
 * @param tagRetention     how long an evicted tag's generation stays in Redis; tagged values live there at most this long
 */
public record RedisOptions(Duration commandTimeout, Duration connectTimeout, Duration poolMaxWait, int poolMaxTotal,
                           int breakerFailures, Duration breakerOpen, int maxValueBytes, Duration leaseTime,
                           boolean invalidation, Duration generationRefresh, Duration pingInterval,
                           Duration tombstoneTime, Duration tagRetention) {
    public RedisOptions(Duration commandTimeout, Duration connectTimeout, Duration poolMaxWait, int poolMaxTotal,
                        int breakerFailures, Duration breakerOpen, int maxValueBytes, Duration leaseTime,
                        boolean invalidation, Duration generationRefresh, Duration pingInterval, Duration tombstoneTime) {
        this(commandTimeout, connectTimeout, poolMaxWait, poolMaxTotal, breakerFailures, breakerOpen, maxValueBytes, leaseTime,
                invalidation, generationRefresh, pingInterval, tombstoneTime, Duration.ofDays(1));
    }

    /** The defaults for a rules {@code timeout}, as {@link Settings} declares them. */
    public static RedisOptions defaults(Duration timeout) {
        return from(timeout, AgentSettings.defaults());
    }

    /** The options for {@code settings}, tuned by the operator's {@code redis.*} knobs (checked when they were resolved). */
    public static RedisOptions from(RedisSettings settings, AgentSettings knobs) {
        return from(settings.timeout() == null ? RedisSettings.DEFAULT_TIMEOUT : settings.timeout(), knobs);
    }

    /** For tests: tuning given as {@code cacheweaver.redis.*} properties. */
    static RedisOptions from(RedisSettings settings, Properties properties) {
        java.util.Map<String, String> map = new java.util.HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return from(settings, AgentSettings.resolve(null, map, java.util.Map.of()));
    }

    private static RedisOptions from(Duration timeout, AgentSettings knobs) {
        Duration twice = timeout.multipliedBy(2);
        Duration connect = twice.compareTo(Duration.ofMillis(200)) > 0 ? twice : Duration.ofMillis(200);
        Duration connectTimeout = knobs.get(Settings.REDIS_CONNECT_TIMEOUT);
        Duration poolMaxWait = knobs.get(Settings.REDIS_POOL_MAX_WAIT);
        return new RedisOptions(timeout,
                connectTimeout == null ? connect : connectTimeout,
                poolMaxWait == null ? timeout : poolMaxWait,
                knobs.get(Settings.REDIS_POOL_MAX_TOTAL),
                knobs.get(Settings.REDIS_BREAKER_FAILURES),
                knobs.get(Settings.REDIS_BREAKER_OPEN),
                knobs.get(Settings.REDIS_MAX_VALUE_BYTES),
                knobs.get(Settings.REDIS_LEASE_TIME),
                knobs.get(Settings.REDIS_INVALIDATION),
                knobs.get(Settings.REDIS_GENERATION_REFRESH),
                knobs.get(Settings.REDIS_PING_INTERVAL),
                knobs.get(Settings.REDIS_TOMBSTONE_TIME),
                knobs.get(Settings.REDIS_TAG_RETENTION));
    }
}
