package io.cacheweaver.rules;

import java.time.Duration;

/**
 * The {@code redis:} section, after {@code ${VAR}} expansion.
 *
 * @param url       {@code redis://[user:password@]host:port[/db]} or {@code rediss://} for TLS
 * @param keyPrefix prepended to every Redis key; default {@code "cw:"}
 * @param timeout   per Redis command; default 100ms
 */
public record RedisSettings(String url, String keyPrefix, Duration timeout) {
    public static final String DEFAULT_KEY_PREFIX = "cw:";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(100);

    /** The URL with any password replaced by {@code ***}: the only form that may be logged. */
    public String redactedUrl() {
        return url == null ? null : url.replaceAll("(?<=://)([^:@/]*):[^@/]*@", "$1:***@");
    }

    @Override
    public String toString() {
        return "RedisSettings[url=" + redactedUrl() + ", keyPrefix=" + keyPrefix + ", timeout=" + timeout + "]";
    }
}
