package bench.app;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * P8: the same slow "database" lookup (50 ms) twice, so that one rule can cache it with a plain
 * ttl and another with refresh-ahead; counts how often each body runs.
 */
public class ExpirySource {
    public static final AtomicInteger PLAIN_CALLS = new AtomicInteger();
    public static final AtomicInteger REFRESHED_CALLS = new AtomicInteger();

    public String plain(long id) {
        PLAIN_CALLS.incrementAndGet();
        return slow(id);
    }

    public String refreshed(long id) {
        REFRESHED_CALLS.incrementAndGet();
        return slow(id);
    }

    private static String slow(long id) {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "price-" + id + "@" + System.nanoTime();
    }
}
