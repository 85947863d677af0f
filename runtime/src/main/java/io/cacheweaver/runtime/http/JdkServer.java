package io.cacheweaver.runtime.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;

/**
 * The JDK HTTP server's side of {@link HttpLayer}, apart so that nothing links against
 * {@code jdk.httpserver} unless that server runs.
 */
final class JdkServer {
    private JdkServer() {
    }

    /** {@code exchange}, or a {@link JdkExchange} of it when a rule applies. HTTPS exchanges pass through (see docs/http.md). */
    static Object wrap(Object exchange, HttpRules rules, int etagLimit) {
        if (!(exchange instanceof HttpExchange server) || exchange instanceof JdkExchange || exchange instanceof HttpsExchange) {
            return exchange;
        }
        String path = server.getRequestURI().getRawPath();
        HttpRoute route = rules.route(server.getRequestMethod(), path);
        return route == null ? exchange
                : new JdkExchange(server, route.withIfNoneMatch(server.getRequestHeaders().getFirst("If-None-Match")), etagLimit);
    }
}
