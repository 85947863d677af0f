package io.cacheweaver.runtime.http;

import io.cacheweaver.rules.http.HttpRule;
import io.cacheweaver.rules.http.TagTemplate;
import java.util.List;

/**
 * The rule that applies to one request, with what the response needs from the request.
 *
 * @param segments    the request path split into segments, for {@code {path[N]}} tags
 * @param head        a HEAD request: same headers as GET, no body, so no ETag
 * @param ifNoneMatch the request's {@code If-None-Match}, or {@code null}
 */
record HttpRoute(HttpRule rule, HttpCounters counters, List<String> segments, boolean head, String ifNoneMatch) {

    HttpRoute withIfNoneMatch(String header) {
        return new HttpRoute(rule, counters, segments, head, header);
    }

    /** An ETag is computed only where there is a body to hash. */
    boolean hashesBody() {
        return rule.etag() && !head;
    }

    /** The rendered tags, in rule order, without duplicates. */
    List<String> tags() {
        if (rule.tags().isEmpty()) {
            return List.of();
        }
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (TagTemplate tag : rule.tags()) {
            String rendered = tag.render(segments);
            if (!rendered.isEmpty()) {
                out.add(rendered);
            }
        }
        return List.copyOf(out);
    }
}
