package com.legacyshop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** {@code GET /stats}: {@code {"dbQueries":N}}, the database round trips since start. */
final class StatsHandler implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Responses.json(exchange, 200, "{\"dbQueries\":" + QueryCounter.get() + "}");
    }
}
