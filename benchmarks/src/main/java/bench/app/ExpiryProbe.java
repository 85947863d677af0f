package bench.app;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * P8: what callers pay when entries expire under steady load. {@code threads} threads each call
 * the cached lookup of one of {@code keys} hot keys every millisecond for {@code seconds}; the
 * entries live 1 s (bench-rules.yaml). With a plain ttl, each expiry makes the callers of that key
 * wait for the 50 ms source; with refresh-ahead ({@code refreshAfter: 80%}) a background reload
 * replaces the entry first. Prints latency percentiles from a log-scale histogram (buckets 5 %
 * apart), the calls that waited more than 10 ms, and source calls per expiry.
 */
public final class ExpiryProbe {
    private static final double BASE = Math.log(1.05);
    private static final int BUCKETS = 600;

    private ExpiryProbe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int threads = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int keys = 4;
        ExpirySource source = new ExpirySource();
        boolean refreshed = mode.equals("refreshed");
        for (long id = 0; id < keys; id++) { // fill, so that the run starts with warm entries
            call(source, refreshed, id);
        }
        long[][] histograms = new long[threads][BUCKETS];
        long[] waited = new long[threads];
        long[] calls = new long[threads];
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int sourceBefore = (refreshed ? ExpirySource.REFRESHED_CALLS : ExpirySource.PLAIN_CALLS).get();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int slot = t;
            Thread thread = new Thread(() -> {
                long id = slot % keys;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    call(source, refreshed, id);
                    long took = System.nanoTime() - start;
                    histograms[slot][bucket(took)]++;
                    calls[slot]++;
                    if (took > 10_000_000) {
                        waited[slot]++;
                    }
                    LockSupport.parkNanos(1_000_000);
                }
                done.countDown();
            });
            thread.start();
        }
        done.await();
        int sourceCalls = (refreshed ? ExpirySource.REFRESHED_CALLS : ExpirySource.PLAIN_CALLS).get() - sourceBefore;
        long[] merged = new long[BUCKETS];
        long total = 0;
        long slow = 0;
        for (int t = 0; t < threads; t++) {
            for (int b = 0; b < BUCKETS; b++) {
                merged[b] += histograms[t][b];
            }
            total += calls[t];
            slow += waited[t];
        }
        double expiries = (double) seconds * keys; // ttl 1 s per key
        System.out.printf(Locale.ROOT, "summary mode=%s threads=%d seconds=%d calls=%d p50Us=%.1f p99Us=%.1f p999Us=%.1f maxUs=%.1f"
                        + " waitedOver10ms=%d sourceCalls=%d sourceCallsPerExpiry=%.2f%n",
                mode, threads, seconds, total, percentile(merged, total, 0.50), percentile(merged, total, 0.99),
                percentile(merged, total, 0.999), percentile(merged, total, 1.0), slow, sourceCalls, sourceCalls / expiries);
    }

    private static String call(ExpirySource source, boolean refreshed, long id) {
        return refreshed ? source.refreshed(id) : source.plain(id);
    }

    private static int bucket(long nanos) {
        return nanos <= 1 ? 0 : Math.min(BUCKETS - 1, (int) (Math.log(nanos) / BASE));
    }

    /** The upper edge of the bucket holding the {@code q} quantile, in microseconds. */
    private static double percentile(long[] histogram, long total, double q) {
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += histogram[b];
            if (seen >= rank && histogram[b] > 0) {
                return Math.exp((b + 1) * BASE) / 1000.0;
            }
        }
        return Double.NaN;
    }
}
