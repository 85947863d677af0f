package com.legacyshop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The shop's HTTP API on the JDK's built-in server: wiring, threads, start and stop. */
public final class HttpApi {
    private static final String INDEX = String.join("\n",
            "legacyshop",
            "  GET    /products/{id}",
            "  GET    /products?category=garden",
            "  GET    /products?ids=3,1,2   several products, in the order asked (at most 100 ids)",
            "  PUT    /products/{id}      body: {\"price\": 9.99} (any of name, category, price, stock)",
            "  DELETE /products/{id}",
            "  POST   /import             empty body: regenerate the catalog; or a JSON array of products",
            "  GET    /stats              {\"dbQueries\": N}",
            "  POST   /views/{id}         counts a page view; GET /views/{id} reads the total",
            "");

    private final HttpServer server;
    private final ExecutorService workers;

    private HttpApi(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    public static HttpApi start(String bindAddress, int port, int threads, ProductDao dao, int catalogSize) throws IOException {
        // The JDK server leaves Nagle's algorithm on by default; with keep-alive that can hold a
        // small response back for the client's delayed ACK (~40 ms). Real servers turn it off.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 256);
        server.createContext("/products", guarded(new ProductsHandler(dao)));
        server.createContext("/import", guarded(new ImportHandler(dao, catalogSize)));
        server.createContext("/stats", guarded(new StatsHandler()));
        server.createContext("/views/", guarded(new ViewsHandler(new ProductViews(dao.database()))));
        server.createContext("/", guarded(exchange -> {
            if (exchange.getRequestURI().getPath().equals("/")) {
                Responses.text(exchange, 200, INDEX);
            } else {
                Responses.error(exchange, 404, "no such resource: " + exchange.getRequestURI().getPath());
            }
        }));
        AtomicInteger n = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.start();
        return new HttpApi(server, workers);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting and closes connections at once; requests already running get two seconds to finish. */
    public void stop() {
        server.stop(0);
        workers.shutdown();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Turns an unexpected exception into a 500 with its message instead of a dropped connection. */
    private static HttpHandler guarded(HttpHandler handler) {
        return exchange -> {
            try {
                handler.handle(exchange);
            } catch (Exception e) {
                System.err.println("error handling " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + ": " + e);
                failQuietly(exchange, e);
            } finally {
                exchange.close();
            }
        };
    }

    private static void failQuietly(HttpExchange exchange, Exception e) {
        try {
            Responses.error(exchange, 500, String.valueOf(e.getMessage()));
        } catch (IOException | RuntimeException alreadySent) {
            // headers were already sent or the client left; the connection is closed below
        }
    }
}
