package com.legacyshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plain application (no agent), in-process: every endpoint, and that reads cost queries. */
class HttpApiTest {
    private static Database database;
    private static HttpApi api;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        database = new Database("jdbc:h2:mem:httpapitest;DB_CLOSE_DELAY=-1", 0);
        assertEquals(500, Schema.prepare(database, 500));
        assertEquals(500, Schema.prepare(database, 999), "an existing catalog is kept");
        api = HttpApi.start("127.0.0.1", 0, 4, new ProductDao(database), 500);
    }

    @AfterAll
    static void stop() {
        api.stop();
        database.close();
    }

    @Test
    void readsAndWrites() throws Exception {
        long before = queries();
        HttpResponse<String> first = send("GET", "/products/7", null);
        assertEquals(200, first.statusCode());
        assertTrue(first.body().startsWith("{\"id\":7,\"name\":"), first.body());
        send("GET", "/products/7", null);
        assertEquals(before + 2, queries(), "without a cache every read is a query");

        HttpResponse<String> updated = send("PUT", "/products/7", "{\"price\": 12.5, \"stock\": 3}");
        assertEquals(200, updated.statusCode(), updated.body());
        assertTrue(updated.body().contains("\"price\":12.50,\"stock\":3}"), updated.body());
        assertTrue(send("GET", "/products/7", null).body().contains("\"price\":12.50"));

        assertEquals(400, send("PUT", "/products/7", "{\"price\": 1.001}").statusCode());
        assertEquals(400, send("PUT", "/products/7", "{\"colour\": \"red\"}").statusCode());
        assertEquals(400, send("PUT", "/products/7", "{not json").statusCode());
        assertEquals(404, send("PUT", "/products/99999", "{\"price\": 1}").statusCode());

        HttpResponse<String> page = send("GET", "/products?category=garden", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().startsWith("[{") && page.body().contains("\"category\":\"garden\""), page.body());
        assertEquals("[]", send("GET", "/products?category=nope", null).body());
        assertEquals(400, send("GET", "/products", null).statusCode());

        assertEquals(204, send("DELETE", "/products/9", null).statusCode());
        assertEquals(404, send("GET", "/products/9", null).statusCode());
        assertEquals(204, send("DELETE", "/products/9", null).statusCode(), "deleting twice is fine");

        assertEquals("{\"imported\":500}", send("POST", "/import?seed=1", "").body());
        assertEquals(200, send("GET", "/products/9", null).statusCode(), "the import restored it");
        assertEquals("{\"imported\":1}", send("POST", "/import",
                "[{\"id\":1,\"name\":\"Only\",\"category\":\"x\",\"price\":2,\"stock\":1}]").body());
        assertEquals(404, send("GET", "/products/7", null).statusCode());
        assertEquals("{\"imported\":500}", send("POST", "/import?seed=1", "").body());

        assertEquals(404, send("GET", "/nothing", null).statusCode());
        assertEquals(404, send("GET", "/products/abc", null).statusCode());
    }

    private static long queries() throws Exception {
        String body = send("GET", "/stats", null).body();
        assertTrue(body.matches("\\{\"dbQueries\":\\d+}"), body);
        return Long.parseLong(body.replaceAll("\\D", ""));
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
