package com.legacyshop;

import java.util.Locale;

/** Prints the side-by-side result of the two load runs; either run may be missing (null). */
final class ComparisonTable {
    /** One measured server: the load result plus the database round trips it caused meanwhile. */
    record Column(Workload.Result load, long dbQueries) {
        double queriesPerRequest() {
            return load.requests() == 0 ? Double.NaN : (double) dbQueries / load.requests();
        }
    }

    private static final String ROW = "  %-24s %16s %18s   %s%n";

    private ComparisonTable() {
    }

    static void print(Column plain, Column cached, String cachedMissingReason) {
        System.out.printf(Locale.ROOT, ROW, "", "no agent", "with cacheweaver", "change");
        System.out.printf(Locale.ROOT, ROW, "", "--------", "----------------", "------");
        row("requests/s", plain, cached, c -> c.load().requestsPerSecond(), 1, Better.HIGHER);
        row("latency p50 (ms)", plain, cached, c -> c.load().latencies().percentileMillis(50), 2, Better.LOWER);
        row("latency p95 (ms)", plain, cached, c -> c.load().latencies().percentileMillis(95), 2, Better.LOWER);
        row("latency p99 (ms)", plain, cached, c -> c.load().latencies().percentileMillis(99), 2, Better.LOWER);
        row("requests", plain, cached, c -> c.load().requests(), 0, Better.NONE);
        row("errors", plain, cached, c -> c.load().errors(), 0, Better.NONE);
        row("DB queries", plain, cached, c -> c.dbQueries(), 0, Better.LOWER);
        row("DB queries per request", plain, cached, Column::queriesPerRequest, 3, Better.LOWER);
        if (cached == null && cachedMissingReason != null) {
            System.out.println("  (with cacheweaver: " + cachedMissingReason + ")");
        }
    }

    private enum Better { HIGHER, LOWER, NONE }

    private interface Metric {
        double of(Column c);
    }

    private static void row(String name, Column plain, Column cached, Metric metric, int decimals, Better better) {
        double a = plain == null ? Double.NaN : metric.of(plain);
        double b = cached == null ? Double.NaN : metric.of(cached);
        String change = "";
        if (!Double.isNaN(a) && !Double.isNaN(b) && a > 0 && b > 0) {
            if (better == Better.HIGHER) {
                change = ratio(b / a) + " more";
            } else if (better == Better.LOWER) {
                change = a >= b ? ratio(a / b) + " lower" : ratio(b / a) + " HIGHER";
            }
        } else if (better == Better.LOWER && a > 0 && b == 0) {
            change = "none left";
        }
        System.out.printf(Locale.ROOT, ROW, name, number(a, decimals), number(b, decimals), change);
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, r >= 10 ? "%.0fx" : "%.1fx", r);
    }

    private static String number(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
