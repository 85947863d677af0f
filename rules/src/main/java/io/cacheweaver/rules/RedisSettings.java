package io.cacheweaver.rules;

import java.time.Duration;

/**
 * The {@code redis:} section, after {@code ${VAR}} expansion.
 *
 * @param url       {@code redis://[user:password@]host:port[/db]} or {@code rediss://} for TLS
 * @param keyPrefix prepended to every Redis key; default {@code "cw:"}
 * @param timeout   per Redis command; default 100ms
 * @param cluster   {@code url} names one node of a Redis Cluster (the others are discovered); default false
 */
public record RedisSettings(String url, String keyPrefix, Duration timeout, boolean cluster) {
    public static final String DEFAULT_KEY_PREFIX = "cw:";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(100);

    /** A single Redis server (not a cluster). */
    public RedisSettings(String url, String keyPrefix, Duration timeout) {
        this(url, keyPrefix, timeout, false);
    }

    /** The URL with any password replaced by {@code ***}: the only form that may be logged. */
    public String redactedUrl() {
        return redact(url);
    }

    /**
     * {@code url} with the password replaced by {@code ***}. The userinfo runs to the last
     * {@code @} (passwords are often not percent-encoded); a userinfo without {@code :} is
     * taken as a password alone, as Redis clients read {@code redis://secret@host}.
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int scheme = url.indexOf("://");
        int start = scheme >= 0 && scheme < at ? scheme + 3 : 0;
        String userInfo = url.substring(start, at);
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? "" : userInfo.substring(0, colon + 1);
        return url.substring(0, start) + user + "***" + url.substring(at);
    }

    @Override
    public String toString() {
        return "RedisSettings[url=" + redactedUrl() + ", keyPrefix=" + keyPrefix + ", timeout=" + timeout + ", cluster=" + cluster + "]";
    }
}
