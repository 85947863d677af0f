package com.legacyshop;

import java.util.Arrays;

/**
 * Response times of one load run. Every sample is kept (a 10 s run is at most a few hundred
 * thousand longs), so percentiles are exact rather than bucket estimates. One instance per
 * thread while recording, {@link #merge}d afterwards; not thread-safe.
 */
final class LatencyStats {
    private long[] nanos = new long[16_384];
    private int count;
    private boolean sorted;

    void record(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
        sorted = false;
    }

    void merge(LatencyStats other) {
        if (count + other.count > nanos.length) {
            nanos = Arrays.copyOf(nanos, Math.max(nanos.length * 2, count + other.count));
        }
        System.arraycopy(other.nanos, 0, nanos, count, other.count);
        count += other.count;
        sorted = false;
    }

    int count() {
        return count;
    }

    /** Nearest-rank percentile in milliseconds, e.g. {@code percentileMillis(99)}; NaN without samples. */
    double percentileMillis(double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        if (!sorted) {
            Arrays.sort(nanos, 0, count);
            sorted = true;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * count);
        return nanos[Math.min(count - 1, Math.max(0, rank - 1))] / 1e6;
    }
}
