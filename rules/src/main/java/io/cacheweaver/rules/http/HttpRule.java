package io.cacheweaver.rules.http;

import io.cacheweaver.rules.SourcePosition;
import java.util.List;
import java.util.Set;

/**
 * One entry of {@code http:}: the headers a matching 2xx response gets.
 *
 * @param methods      request methods (upper case) whose responses get headers; default GET and HEAD
 * @param cacheControl the {@code Cache-Control} value, or {@code null} to leave it alone
 * @param override     true: replace a {@code Cache-Control} the application set itself (default: keep it)
 * @param vary         header names merged into {@code Vary}
 * @param etag         strong ETag from the body, and 304 on a matching {@code If-None-Match}
 * @param tags         sent as {@code Surrogate-Key} (space-separated) and {@code Cache-Tag} (comma-separated)
 */
public record HttpRule(String id, PathGlob path, Set<String> methods, String cacheControl, boolean override,
                       List<String> vary, boolean etag, List<TagTemplate> tags, SourcePosition position) {
    public static final Set<String> DEFAULT_METHODS = Set.of("GET", "HEAD");

    public HttpRule {
        methods = Set.copyOf(methods);
        vary = List.copyOf(vary);
        tags = List.copyOf(tags);
    }

    public boolean matches(String method, List<String> pathSegments) {
        return methods.contains(method) && path.matches(pathSegments);
    }
}
