package io.cacheweaver.runtime.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cacheweaver.rules.MetricsSettings.Prometheus;
import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.BlockedThreadRelease;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} on the JDK's own HTTP server (module jdk.httpserver): no web framework
 * enters the application's JVM, and one daemon thread answers scrapes one at a time. Bound to the
 * configured host only (loopback by default).
 */
final class PrometheusEndpoint {
    private final HttpServer server;
    private final ExecutorService executor;
    private final BlockedThreadRelease.Registration release;

    private PrometheusEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        // the server's dispatcher thread blocks in a native select(): stopped at exit, or every exit waits 300 ms for it
        this.release = BlockedThreadRelease.atExit("the metrics endpoint", this::stopServing);
    }

    /** The running endpoint, or {@code null} after one line saying why it could not start. */
    static PrometheusEndpoint start(Prometheus where, Supplier<String> page) {
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "cacheweaver-metrics");
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(where.host(), where.port()), 16);
            server.createContext("/", exchange -> answer(exchange, page));
            server.setExecutor(executor);
            server.start();
            AgentLog.info("metrics: Prometheus endpoint at http://" + where.host() + ":" + server.getAddress().getPort() + "/metrics");
            return new PrometheusEndpoint(server, executor);
        } catch (IOException | RuntimeException | LinkageError e) {
            executor.shutdownNow();
            AgentLog.warn("metrics: cannot serve Prometheus metrics on " + where.host() + ":" + where.port() + " ("
                    + AgentLog.describe(e) + "); the agent and the application run on without the endpoint");
            return null;
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        release.cancel();
        stopServing();
    }

    private void stopServing() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void answer(HttpExchange exchange, Supplier<String> page) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                send(exchange, 404, "not found; the metrics are at /metrics\n", false);
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "only GET and HEAD\n", false);
            } else {
                String body;
                try {
                    body = page.get();
                } catch (RuntimeException | LinkageError e) {
                    AgentLog.warnRateLimited("metrics-scrape", "metrics: a scrape failed: " + AgentLog.describe(e));
                    send(exchange, 500, "the agent could not collect its metrics\n", false);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
                send(exchange, 200, body, method.equals("HEAD"));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body, boolean headOnly) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (status != 200) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        }
        exchange.sendResponseHeaders(status, headOnly ? -1 : bytes.length);
        if (!headOnly) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
