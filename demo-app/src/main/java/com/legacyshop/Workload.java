package com.legacyshop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A read-heavy shop workload against one server: each thread sends one request after another
 * (closed loop) until the time is up, choosing 90% product page views ({@code GET /products/{id}},
 * Zipf-skewed ids), 8% category pages ({@code GET /products?category=X}) and 2% price changes
 * ({@code PUT /products/{id}}).
 */
final class Workload {
    static final String DESCRIPTION = "90% GET /products/{id}, 8% GET /products?category=X, "
            + "2% PUT /products/{id} (price change)";

    private final HttpClient client;
    private final URI base;
    private final SkewedIds ids;
    private final List<String> categories;

    Workload(HttpClient client, URI base, SkewedIds ids, List<String> categories) {
        this.client = client;
        this.base = base;
        this.ids = ids;
        this.categories = categories;
    }

    /** What one run measured. {@code firstError} describes the first failure, or is null. */
    record Result(long requests, long errors, LatencyStats latencies, double seconds, String firstError) {
        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    Result run(int threads, Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<LatencyStats> perThread = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            LatencyStats stats = new LatencyStats();
            perThread.add(stats);
            Thread worker = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                    HttpRequest request = nextRequest(random);
                    long sent = System.nanoTime();
                    String failure = send(request);
                    stats.record(System.nanoTime() - sent);
                    if (failure != null) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, failure);
                    }
                }
            }, "load-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LatencyStats all = new LatencyStats();
        perThread.forEach(all::merge);
        return new Result(all.count(), errors.get(), all, seconds, firstError.get());
    }

    private HttpRequest nextRequest(ThreadLocalRandom random) {
        int dice = random.nextInt(100);
        if (dice < 90) {
            return get("/products/" + ids.next(random));
        }
        if (dice < 98) {
            return get("/products?category=" + categories.get(random.nextInt(categories.size())));
        }
        String price = String.format(Locale.ROOT, "%.2f", 1 + random.nextInt(49_900) / 100.0);
        return HttpRequest.newBuilder(base.resolve("/products/" + ids.next(random)))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"price\":" + price + "}"))
                .build();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build();
    }

    /** @return null on a 2xx answer, else what went wrong */
    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return null;
            }
            String body = response.body();
            return request.method() + " " + request.uri().getPath() + " -> HTTP " + response.statusCode() + " "
                    + (body.length() > 200 ? body.substring(0, 200) + "..." : body);
        } catch (IOException e) {
            return request.method() + " " + request.uri().getPath() + " -> " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
