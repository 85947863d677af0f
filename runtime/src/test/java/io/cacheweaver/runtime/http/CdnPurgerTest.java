package io.cacheweaver.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.cacheweaver.rules.http.CdnPurge;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The purger against a local endpoint: batching while a POST is under way, and a bounded queue. */
class CdnPurgerTest {

    @Test
    void purgesQueuedWhileAPostIsUnderWayGoOutTogether() throws Exception {
        BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
        CountDownLatch firstArrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer cdn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cdn.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            firstArrived.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        cdn.start();
        CdnPurger purger = new CdnPurger(new CdnPurge("http://127.0.0.1:" + cdn.getAddress().getPort() + "/",
                Map.of(), Duration.ofSeconds(5)), 100, 1);
        try {
            purger.purge(List.of("a"), List.of());
            assertTrue(firstArrived.await(10, TimeUnit.SECONDS));
            purger.purge(List.of("b"), List.of("/x"));
            purger.purge(List.of("c", "b"), List.of());
            release.countDown();
            assertEquals("{\"tags\":[\"a\"],\"paths\":[]}", bodies.poll(10, TimeUnit.SECONDS));
            assertEquals("{\"tags\":[\"b\",\"c\"],\"paths\":[\"/x\"]}", bodies.poll(10, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (purger.sent() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10); // the counter is bumped after the answer is read
            }
            assertEquals(2, purger.sent());
            assertEquals(0, purger.failures());
        } finally {
            purger.stop();
            cdn.stop(0);
        }
    }

    @Test
    void aFullQueueDropsInsteadOfBlocking() throws Exception {
        // a CDN that never answers: the sender is mostly busy waiting, and the queue holds 2
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            aFullQueueDropsInsteadOfBlocking("http://127.0.0.1:" + silent.getLocalPort() + "/");
        }
    }

    private static void aFullQueueDropsInsteadOfBlocking(String cdn) {
        CdnPurger purger = new CdnPurger(new CdnPurge(cdn, Map.of(), Duration.ofSeconds(2)), 2, 1);
        try {
            long began = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                purger.purge(List.of("t" + i), List.of());
            }
            assertTrue(System.nanoTime() - began < TimeUnit.SECONDS.toNanos(1), "purge() never waits");
            // the exact count races with the sender (it takes a batch whenever it gets the CPU: 983 and 991 seen),
            // but an unbounded or blocking queue would drop none
            assertTrue(purger.dropped() >= 900, "dropped " + purger.dropped());
        } finally {
            purger.stop();
        }
    }
}
