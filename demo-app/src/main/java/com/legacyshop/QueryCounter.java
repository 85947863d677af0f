package com.legacyshop;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts round trips to the database, process-wide. It is what {@code GET /stats} reports and
 * what the load comparison reads to show how much work a cache took off the database.
 */
public final class QueryCounter {
    private static final AtomicLong QUERIES = new AtomicLong();

    private QueryCounter() {
    }

    static void increment() {
        QUERIES.incrementAndGet();
    }

    public static long get() {
        return QUERIES.get();
    }
}
