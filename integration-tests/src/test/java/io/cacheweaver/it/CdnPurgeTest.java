package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import fixture.app.web.WebShop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CDN purges from an evict rule's {@code purge:} paths, against a local HTTP endpoint standing in
 * for the CDN's API: the POST's payload and headers, a retry after a failed answer, and an endpoint
 * that never answers, which must not slow the application's save down. Tokens never reach the log.
 */
class CdnPurgeTest {
    static final String TOKEN = "token-secret-456";
    static final String QUERY_SECRET = "query-secret-123";

    @TempDir
    Path dir;

    private record Received(String method, String authorization, String contentType, String body) {
    }

    private static String rules(String url, String timeout) {
        return """
                version: 1
                caches:
                  products: { ttl: 1m }
                rules:
                  - id: product-save
                    method: fixture.app.web.WebProducts#save(long)
                    cache: products
                    action: evict
                    key: "{id}"
                    purge: ["/products/{id}", "/products/{id}/reviews"]
                cdn:
                  purge:
                    url: "%s"
                    headers: { Authorization: "Bearer %s" }
                    timeout: %s
                """.formatted(url, TOKEN, timeout);
    }

    @Test
    void anEvictionIsPostedToTheCdnWithItsPathsAndHeadersAndRetriedAfterAFailure() throws Exception {
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        AtomicInteger answers = new AtomicInteger();
        HttpServer cdn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cdn.createContext("/purge", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = answers.incrementAndGet() == 1 ? 503 : 200; // the first attempt fails: the agent retries
            if (status == 200) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), new String(body, StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        cdn.start();
        String url = "http://127.0.0.1:" + cdn.getAddress().getPort() + "/purge?key=" + QUERY_SECRET;
        Path rules = RulesFiles.write(dir, rules(url, "2s"));
        try (LiveJvm app = LiveJvm.start("rules=" + rules + ",debug=true", WebShop.class, "jdk")) {
            app.send("save 7");
            Received first = received.poll(30, TimeUnit.SECONDS);
            assertNotNull(first, "no purge reached the CDN; output:\n" + app.output());
            assertEquals("POST", first.method());
            assertEquals("Bearer " + TOKEN, first.authorization());
            assertEquals("application/json", first.contentType());
            assertEquals("{\"tags\":[],\"paths\":[\"/products/7\",\"/products/7/reviews\"]}", first.body());

            app.send("save 8");
            app.send("save 9");
            Set<String> paths = new LinkedHashSet<>();
            while (!paths.containsAll(List.of("/products/8", "/products/9/reviews"))) {
                Received next = received.poll(30, TimeUnit.SECONDS);
                assertNotNull(next, "purges of 8 and 9 missing; got " + paths);
                for (String path : next.body().replaceAll(".*\"paths\":\\[(.*)]}", "$1").split(",")) {
                    paths.add(path.replace("\"", ""));
                }
            }
            ObjectName agent = new ObjectName("io.cacheweaver:type=Agent");
            app.await("the Agent MBean", () -> JmxTest.registered(app.jmx(), agent.toString()));
            assertTrue((Long) app.jmx().getAttribute(agent, "PurgesSent") >= 2);
            assertEquals(1L, app.jmx().getAttribute(agent, "PurgeFailures"));
            assertSecretsNeverLogged(app.output());
        } finally {
            cdn.stop(0);
        }
    }

    @Test
    void aCdnThatNeverAnswersNeverSlowsOrFailsTheSave() throws Exception {
        try (ServerSocket blackHole = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(blackHole.accept()); // accepted, never answered
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://127.0.0.1:" + blackHole.getLocalPort() + "/purge?key=" + QUERY_SECRET;
            Path rules = RulesFiles.write(dir, rules(url, "2s"));
            try (LiveJvm app = LiveJvm.start("rules=" + rules + ",debug=true", WebShop.class, "jdk")) {
                long slowest = 0;
                for (int i = 1; i <= 20; i++) {
                    String answer = app.send("save " + i);
                    assertTrue(answer.endsWith("calls=" + i), answer);
                    long micros = Long.parseLong(answer.replaceAll(".*took=(\\d+).*", "$1"));
                    slowest = Math.max(slowest, micros);
                }
                // a save that waited for the CDN would take the 2 s timeout at least
                assertTrue(slowest < 1_000_000, "slowest save took " + slowest + " µs");
                ObjectName agent = new ObjectName("io.cacheweaver:type=Agent");
                app.await("a failed purge", () -> {
                    try {
                        return JmxTest.registered(app.jmx(), agent.toString())
                                && (Long) app.jmx().getAttribute(agent, "PurgeFailures") >= 1;
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                assertEquals(0L, app.jmx().getAttribute(agent, "PurgesSent"));
                assertFalse(app.output().contains("Exception in"), app.output());
                assertSecretsNeverLogged(app.output());
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }

    private static void assertSecretsNeverLogged(String output) {
        assertFalse(output.contains(TOKEN), "the token reached the output:\n" + output);
        assertFalse(output.contains(QUERY_SECRET), "the URL's query string reached the output:\n" + output);
        assertTrue(output.contains("?***"), "the redacted URL is logged:\n" + output);
    }
}
