package io.cacheweaver.runtime.redis;

import io.cacheweaver.rules.RedisUrl;

/**
 * Where Redis is and how to log in, as {@link RedisUrl} (the one parser of the URL grammar) reads
 * it. {@link #toString()} never shows the password.
 */
public record RedisEndpoint(String host, int port, String user, String password, int database, boolean tls) {

    public static RedisEndpoint parse(String url) {
        RedisUrl parsed = RedisUrl.parse(url);
        return new RedisEndpoint(parsed.host(), parsed.port(), parsed.user(), parsed.password(), parsed.database(), parsed.tls());
    }

    @Override
    public String toString() {
        return new RedisUrl(host, port, user, password, database, tls).toString();
    }
}
