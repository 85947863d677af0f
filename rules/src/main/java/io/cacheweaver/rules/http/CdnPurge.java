package io.cacheweaver.rules.http;

import java.time.Duration;
import java.util.Map;

/**
 * {@code cdn.purge}: where invalidations are POSTed as {@code {"tags":[...],"paths":[...]}}.
 *
 * @param url     http or https; may hold credentials, so only {@link #redactedUrl()} may be logged
 * @param headers sent with every POST (typically {@code Authorization}); values are secrets, never logged
 * @param timeout connect and read timeout of one POST; default 2s
 */
public record CdnPurge(String url, Map<String, String> headers, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    public CdnPurge {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }

    /** The URL without user information and query string (both may carry tokens): the only form that may be logged. */
    public String redactedUrl() {
        return redact(url);
    }

    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String out = url;
        int query = out.indexOf('?');
        if (query >= 0) {
            out = out.substring(0, query) + "?***";
        }
        int scheme = out.indexOf("://");
        int at = out.lastIndexOf('@', query >= 0 ? query : out.length());
        if (scheme >= 0 && at > scheme) {
            out = out.substring(0, scheme + 3) + "***@" + out.substring(at + 1);
        }
        return out;
    }

    @Override
    public String toString() {
        return "CdnPurge[url=" + redactedUrl() + ", headers=" + headers.keySet() + ", timeout=" + timeout + "]";
    }
}
