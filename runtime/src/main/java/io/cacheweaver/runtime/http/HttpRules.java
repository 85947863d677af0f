package io.cacheweaver.runtime.http;

import io.cacheweaver.rules.http.HttpRule;
import io.cacheweaver.rules.http.PathGlob;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code http:} rules in force: the first rule whose methods and path match a request applies.
 * Counters are kept by rule id, so they survive a reload that keeps the id.
 */
final class HttpRules {
    private final Map<String, HttpCounters> counters = new ConcurrentHashMap<>();
    private volatile List<HttpRule> rules = List.of();

    void swap(List<HttpRule> next) {
        for (HttpRule rule : next) {
            counters.computeIfAbsent(rule.id(), id -> new HttpCounters());
        }
        rules = List.copyOf(next);
        counters.keySet().retainAll(next.stream().map(HttpRule::id).toList());
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    List<HttpRule> all() {
        return rules;
    }

    HttpCounters counters(String id) {
        return counters.get(id);
    }

    /**
     * The route for a request, or {@code null} when no rule applies. {@code path} is without the query
     * string. The route has no {@code If-None-Match} yet: only matched requests pay for reading it.
     */
    HttpRoute route(String method, String path) {
        List<HttpRule> current = rules;
        if (current.isEmpty() || method == null || path == null) {
            return null;
        }
        List<String> segments = PathGlob.split(path);
        for (HttpRule rule : current) {
            if (rule.matches(method, segments)) {
                HttpCounters c = counters.computeIfAbsent(rule.id(), id -> new HttpCounters());
                return new HttpRoute(rule, c, segments, "HEAD".equals(method), null);
            }
        }
        return null;
    }
}
