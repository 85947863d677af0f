package io.cacheweaver.runtime.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The headers a rule adds to a 2xx (or 304) response. The application's own {@code Cache-Control}
 * is kept unless the rule says {@code override: true}; {@code Vary} is merged, never replaced; tags
 * go out twice, as Fastly's {@code Surrogate-Key} (space-separated) and Cloudflare's
 * {@code Cache-Tag} (comma-separated), appended to any the application set.
 */
final class ResponseHeaders {
    private ResponseHeaders() {
    }

    static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    /** {@code etag}: the strong ETag, or {@code null} when the response gets none. Counts the response. */
    static void apply(HeaderAccess headers, HttpRoute route, String etag) {
        var rule = route.rule();
        if (rule.cacheControl() != null && (rule.override() || headers.get("Cache-Control") == null)) {
            headers.set("Cache-Control", rule.cacheControl());
        }
        if (!rule.vary().isEmpty()) {
            headers.set("Vary", mergeVary(headers.get("Vary"), rule.vary()));
        }
        List<String> tags = route.tags();
        if (!tags.isEmpty()) {
            headers.set("Surrogate-Key", append(headers.get("Surrogate-Key"), String.join(" ", tags), " "));
            headers.set("Cache-Tag", append(headers.get("Cache-Tag"), String.join(",", tags), ","));
        }
        if (etag != null) {
            headers.set("ETag", etag);
        }
        route.counters().responses.increment();
    }

    /** {@code Accept-Encoding, Origin} + [Accept-Encoding, Accept] → {@code Accept-Encoding, Origin, Accept}; {@code *} stays {@code *}. */
    static String mergeVary(String existing, List<String> added) {
        Map<String, String> names = new LinkedHashMap<>();
        if (existing != null) {
            for (String name : existing.split(",")) {
                if (!name.isBlank()) {
                    names.putIfAbsent(name.trim().toLowerCase(Locale.ROOT), name.trim());
                }
            }
        }
        if (names.containsKey("*")) {
            return "*";
        }
        for (String name : added) {
            names.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
        }
        return String.join(", ", names.values());
    }

    private static String append(String existing, String added, String separator) {
        return existing == null || existing.isBlank() ? added : existing + separator + added;
    }
}
