package com.legacyshop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;

/**
 * {@code POST /import}: replaces the whole catalog. With a JSON array body, those products;
 * with an empty body, a freshly generated catalog ({@code ?count=N}, default 20000, and
 * {@code ?seed=N}, default: a new seed each time, so prices visibly change).
 */
final class ImportHandler implements HttpHandler {
    private final ProductDao dao;
    private final int defaultCount;

    ImportHandler(ProductDao dao, int defaultCount) {
        this.dao = dao;
        this.defaultCount = defaultCount;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            Responses.error(exchange, 405, "use POST /import");
            return;
        }
        List<Product> products;
        try {
            String body = Responses.body(exchange);
            if (body.isBlank()) {
                int count = intParameter(exchange, "count", defaultCount);
                long seed = intParameter(exchange, "seed", (int) (System.nanoTime() & 0x7fffffff));
                products = SampleCatalog.generate(count, seed);
            } else {
                products = ProductJson.readList(Json.parse(body));
            }
        } catch (IllegalArgumentException e) {
            Responses.error(exchange, 400, e.getMessage());
            return;
        }
        int imported = dao.importAll(products);
        Responses.json(exchange, 200, "{\"imported\":" + imported + "}");
    }

    private static int intParameter(HttpExchange exchange, String name, int fallback) {
        String value = ProductsHandler.queryParameter(exchange, name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 0 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("?" + name + "= must be a whole number from 0 to 1000000");
    }
}
