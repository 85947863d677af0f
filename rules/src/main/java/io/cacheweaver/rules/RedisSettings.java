package io.cacheweaver.rules;

import java.time.Duration;

/**
 * The {@code redis:} section, after {@code ${VAR}} expansion.
 *
 * @param url       {@code redis://[user:password@]host:port[/db]} or {@code rediss://} for TLS
 * @param keyPrefix prepended to every Redis key; default {@code "cw:"}
 * @param timeout   per Redis command; default 100ms
 * @param cluster   {@code url} names one node of a Redis Cluster (the others are discovered); default false
 * @param values    how values are stored: allow-listed types, compression, size limit (§10)
 * @param sentinel  connect through these sentinels (then only the url's credentials, TLS and
 *                  database are used); {@code null}: connect to {@code url}
 * @param outboxSize how many invalidations made while Redis is unreachable are remembered for replay; default 10,000
 */
public record RedisSettings(String url, String keyPrefix, Duration timeout, boolean cluster, RedisValues values,
                            RedisSentinel sentinel, int outboxSize) {
    public static final String DEFAULT_KEY_PREFIX = "cw:";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(100);
    public static final int DEFAULT_OUTBOX_SIZE = 10_000;

    public RedisSettings {
        values = values == null ? RedisValues.DEFAULTS : values;
    }

    public RedisSettings(String url, String keyPrefix, Duration timeout, boolean cluster) {
        this(url, keyPrefix, timeout, cluster, RedisValues.DEFAULTS, null, DEFAULT_OUTBOX_SIZE);
    }

    public RedisSettings(String url, String keyPrefix, Duration timeout, boolean cluster, int outboxSize) {
        this(url, keyPrefix, timeout, cluster, RedisValues.DEFAULTS, null, outboxSize);
    }

    public RedisSettings(String url, String keyPrefix, Duration timeout, boolean cluster, RedisValues values) {
        this(url, keyPrefix, timeout, cluster, values, null, DEFAULT_OUTBOX_SIZE);
    }

    public RedisSettings(String url, String keyPrefix, Duration timeout, boolean cluster, RedisValues values,
                         RedisSentinel sentinel) {
        this(url, keyPrefix, timeout, cluster, values, sentinel, DEFAULT_OUTBOX_SIZE);
    }

    /** A single Redis server (not a cluster). */
    public RedisSettings(String url, String keyPrefix, Duration timeout) {
        this(url, keyPrefix, timeout, false);
    }

    /** The URL with any password replaced by {@code ***}: the only form that may be logged. */
    public String redactedUrl() {
        return redact(url);
    }

    /** {@code url} with the password replaced by {@code ***}, as {@link RedisUrl#redact} reads it (valid or not). */
    public static String redact(String url) {
        return RedisUrl.redact(url);
    }

    @Override
    public String toString() {
        return "RedisSettings[url=" + redactedUrl() + ", keyPrefix=" + keyPrefix + ", timeout=" + timeout + ", cluster=" + cluster + ", values=" + values + ", sentinel=" + sentinel + ", outboxSize=" + outboxSize + "]";
    }
}
