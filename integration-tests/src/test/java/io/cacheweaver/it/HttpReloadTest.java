package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.web.WebShop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http:} rules added and changed by a reload, under a JDK HTTP server that is already
 * running: the server's loaded classes are instrumented then, and a changed header applies at once.
 */
class HttpReloadTest {
    static final String BASE = """
            version: 1
            caches:
              unused: { ttl: 1m }
            rules: []
            """;
    static final String AGENT = "io.cacheweaver:type=Agent";

    @TempDir
    Path dir;

    @Test
    void httpRulesAddedByAReloadApplyToARunningServer() throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, BASE);
        HttpClient client = HttpClient.newHttpClient();
        try (LiveJvm app = LiveJvm.start("rules=" + file, WebShop.class, "jdk")) {
            String url = "http://127.0.0.1:" + app.readyLine().substring("ready port=".length()).trim() + "/products/3";
            HttpRequest get = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build();
            assertNull(client.send(get, HttpResponse.BodyHandlers.discarding()).headers().firstValue("Cache-Control").orElse(null));

            Files.writeString(file, BASE + """
                    http:
                      - id: pages
                        path: /products/*
                        cacheControl: "public, max-age=60"
                        etag: true
                    """);
            // the agent's MBeans are registered on its own thread after premain: wait for them, not for a fixed time
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!JmxTest.registered(app.jmx(), AGENT) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String outcome = (String) JmxTest.invoke(app.jmx(), AGENT, "reloadRules");
            assertTrue(outcome.startsWith("rules reloaded"), outcome);
            HttpResponse<Void> after = client.send(get, HttpResponse.BodyHandlers.discarding());
            assertEquals("public, max-age=60", after.headers().firstValue("Cache-Control").orElse(null));
            assertTrue(after.headers().firstValue("ETag").isPresent());

            Files.writeString(file, Files.readString(file).replace("max-age=60", "max-age=5"));
            JmxTest.invoke(app.jmx(), AGENT, "reloadRules");
            assertEquals("public, max-age=5", client.send(get, HttpResponse.BodyHandlers.discarding())
                    .headers().firstValue("Cache-Control").orElse(null));
        }
    }
}
