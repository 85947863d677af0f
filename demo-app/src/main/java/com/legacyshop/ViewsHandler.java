package com.legacyshop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** {@code /views}: {@code POST /views/{id}} counts a page view, {@code GET /views/{id}} reads the total. */
final class ViewsHandler implements HttpHandler {
    private final ProductViews views;

    ViewsHandler(ProductViews views) {
        this.views = views;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        long id;
        try {
            id = Long.parseLong(path.substring("/views/".length()));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            Responses.error(exchange, 404, "no such resource: " + path + "; use /views/{id}");
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "POST" -> Responses.json(exchange, 200, "{\"id\":" + id + ",\"views\":" + views.viewed(id) + "}");
            case "GET" -> Responses.json(exchange, 200, "{\"id\":" + id + ",\"views\":" + views.views(id) + "}");
            default -> Responses.error(exchange, 405, exchange.getRequestMethod() + " is not supported on " + path);
        }
    }
}
