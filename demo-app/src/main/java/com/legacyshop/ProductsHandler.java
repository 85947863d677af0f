package com.legacyshop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /products}: {@code GET /products/{id}}, {@code PUT /products/{id}} (a JSON object with
 * the fields to change), {@code DELETE /products/{id}}, {@code GET /products?category=X} and
 * {@code GET /products?ids=1,2,3}.
 */
final class ProductsHandler implements HttpHandler {
    private final ProductDao dao;

    ProductsHandler(ProductDao dao) {
        this.dao = dao;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/products") || path.equals("/products/")) {
            if (!method.equals("GET")) {
                Responses.error(exchange, 405, method + " /products is not supported; use GET /products?category=X or GET /products?ids=1,2,3");
                return;
            }
            list(exchange);
            return;
        }
        long id;
        try {
            id = Long.parseLong(path.substring("/products/".length()));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            Responses.error(exchange, 404, "no such resource: " + path);
            return;
        }
        switch (method) {
            case "GET": get(exchange, id); break;
            case "PUT": update(exchange, id); break;
            case "DELETE": delete(exchange, id); break;
            default: Responses.error(exchange, 405, method + " is not supported on " + path);
        }
    }

    private void get(HttpExchange exchange, long id) throws IOException {
        Product p = dao.findById(id);
        if (p == null) {
            Responses.error(exchange, 404, "no product with id " + id);
        } else {
            Responses.json(exchange, 200, ProductJson.write(p));
        }
    }

    /** At most this many ids per {@code GET /products?ids=...}: the IN list of one query. */
    static final int MAX_IDS = 100;

    private void list(HttpExchange exchange) throws IOException {
        String ids = queryParameter(exchange, "ids");
        if (ids != null) {
            byIds(exchange, ids);
            return;
        }
        String category = queryParameter(exchange, "category");
        if (category == null || category.isBlank()) {
            Responses.error(exchange, 400, "use GET /products?category=X, X one of " + SampleCatalog.CATEGORIES);
            return;
        }
        List<Product> page = dao.findByCategory(category);
        Responses.json(exchange, 200, ProductJson.write(page));
    }

    /** {@code GET /products?ids=3,1,2}: the products that exist, in the order asked (the "compare" and "recently viewed" lists). */
    private void byIds(HttpExchange exchange, String text) throws IOException {
        List<Long> ids = new ArrayList<>();
        try {
            for (String id : text.split(",")) {
                ids.add(Long.parseLong(id.trim()));
            }
        } catch (NumberFormatException e) {
            Responses.error(exchange, 400, "ids must be numbers separated by commas, e.g. ?ids=1,2,3");
            return;
        }
        if (ids.size() > MAX_IDS) {
            Responses.error(exchange, 400, "at most " + MAX_IDS + " ids per request");
            return;
        }
        Responses.json(exchange, 200, ProductJson.write(dao.findByIds(ids)));
    }

    /** Load, change the fields given, save: the update path of the old admin screens. */
    private void update(HttpExchange exchange, long id) throws IOException {
        Object json;
        try {
            json = Json.parse(Responses.body(exchange));
        } catch (IllegalArgumentException e) {
            Responses.error(exchange, 400, e.getMessage());
            return;
        }
        Product current = dao.findById(id);
        if (current == null) {
            Responses.error(exchange, 404, "no product with id " + id);
            return;
        }
        // Change a copy: what a read returned may be shared with other callers (by a cache,
        // for one), and a rejected update must leave it untouched.
        Product changed = new Product(current);
        try {
            ProductJson.apply(json, changed);
        } catch (IllegalArgumentException e) {
            Responses.error(exchange, 400, e.getMessage());
            return;
        }
        if (changed.getId() != id) {
            Responses.error(exchange, 400, "the id in the body (" + changed.getId() + ") differs from the URL (" + id + ")");
            return;
        }
        try {
            Responses.json(exchange, 200, ProductJson.write(dao.save(changed)));
        } catch (ProductNotFoundException e) {
            Responses.error(exchange, 404, e.getMessage()); // deleted between our read and the update
        }
    }

    private void delete(HttpExchange exchange, long id) throws IOException {
        dao.delete(id);
        Responses.noContent(exchange);
    }

    static String queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
