package io.cacheweaver.runtime.metrics;

import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Durations of one kind of event (a rule's loads, one cache's Redis GETs), kept in microseconds
 * with two significant digits (1% resolution at any magnitude; microseconds rather than
 * nanoseconds: HdrHistogram estimates 29 KB per histogram for events up to a second, 50 KB in nanoseconds). Recorded only where the event is
 * already costly (a load ran the method, a Redis round trip happened): never on a hit.
 * HdrHistogram's {@link ConcurrentHistogram} takes concurrent writers without locks and resizes
 * itself, so no range has to be guessed; the exact sum is kept beside it for Prometheus.
 */
public final class LatencyHistogram {
    private static final int SIGNIFICANT_DIGITS = 2;

    private final ConcurrentHistogram histogram = new ConcurrentHistogram(SIGNIFICANT_DIGITS);
    private final LongAdder sumNanos = new LongAdder();

    public void record(long nanos) {
        long value = Math.max(0, nanos);
        histogram.recordValue(value / 1_000);
        sumNanos.add(value);
    }

    public void reset() {
        histogram.reset();
        sumNanos.reset();
    }

    public Snapshot snapshot() {
        return of(java.util.List.of(this));
    }

    /** Several histograms added up (a rule woven into several methods, a cache's Redis operations). */
    public static Snapshot of(Collection<LatencyHistogram> histograms) {
        Histogram merged = new Histogram(SIGNIFICANT_DIGITS);
        long sum = 0;
        for (LatencyHistogram h : histograms) {
            merged.add(h.histogram.copy());
            sum += h.sumNanos.sum();
        }
        return new Snapshot(merged, sum);
    }

    /** A consistent copy to read from; never shared with writers. */
    public static final class Snapshot {
        private final Histogram histogram;
        private final long sumNanos;

        private Snapshot(Histogram histogram, long sumNanos) {
            this.histogram = histogram;
            this.sumNanos = sumNanos;
        }

        public long count() {
            return histogram.getTotalCount();
        }

        public long sumNanos() {
            return sumNanos;
        }

        /** The {@code percentile} (0–100) in microseconds; 0 when nothing was recorded. */
        public double percentileMicros(double percentile) {
            return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
        }

        /** Events that took at most {@code nanos} (within the histogram's 1% resolution). */
        public long countAtMost(long nanos) {
            if (count() == 0) {
                return 0;
            }
            return Math.min(count(), histogram.getCountBetweenValues(0, nanos / 1_000));
        }
    }
}
