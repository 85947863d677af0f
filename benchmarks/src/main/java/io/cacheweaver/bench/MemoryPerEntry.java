package io.cacheweaver.bench;

import bench.app.PriceBook;
import java.util.function.LongConsumer;

/**
 * P10: heap bytes per cached entry in cacheweaver's local layer against a plain Caffeine cache
 * of the same values ({@link HandWrittenPriceBook}), for a one-argument ({@code price(long)})
 * and a three-argument ({@code quote(long, String, int)}, composite key) method. Each side fills
 * {@code n} distinct entries (the caches hold 10,000) and the used heap after full collections
 * is compared with the heap before; values, keys and boxing are counted on both sides alike.
 * Run in its own JVM with the agent, e.g.
 * {@code java -XX:+UseSerialGC -javaagent:agent/target/cacheweaver-agent.jar=rules=benchmarks/bench-rules.yaml
 * -cp ... io.cacheweaver.bench.MemoryPerEntry 10000}; prints one line per measurement.
 */
public final class MemoryPerEntry {
    private MemoryPerEntry() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String[] skus = new String[n];
        for (int i = 0; i < n; i++) {
            skus[i] = "sku-" + i; // the same strings on both sides, allocated before measuring
        }
        PriceBook woven = new PriceBook();
        HandWrittenPriceBook hand = new HandWrittenPriceBook();
        woven.price(-1); // the first call builds the site's cache: not an entry's cost
        woven.quote(-1, "warm", 1);
        hand.price(-1);
        hand.quote(-1, "warm", 1);
        HandWrittenPriceBook scratch = new HandWrittenPriceBook();
        perEntry(n, i -> scratch.price(2_000_000 + i)); // discarded: the first measurement also pays for settling in
        double handPrice = perEntry(n, i -> hand.price(1_000_000 + i));
        double wovenPrice = perEntry(n, i -> woven.price(1_000_000 + i));
        double handQuote = perEntry(n, i -> hand.quote(1_000_000 + i, skus[(int) i], 2));
        double wovenQuote = perEntry(n, i -> woven.quote(1_000_000 + i, skus[(int) i], 2));
        if (woven.computations() != 2L + 2L * n) {
            throw new IllegalStateException("bench.app.PriceBook is not woven (run with the agent): computations="
                    + woven.computations());
        }
        System.out.printf("memory price(long) handWritten=%.1f woven=%.1f ratio=%.2f%n", handPrice, wovenPrice, wovenPrice / handPrice);
        System.out.printf("memory quote(long,String,int) handWritten=%.1f woven=%.1f ratio=%.2f%n", handQuote, wovenQuote,
                wovenQuote / handQuote);
        // keep both books reachable until every measurement is done
        System.out.println("kept " + (woven.computations() + hand.computations() > 0));
    }

    private static double perEntry(int n, LongConsumer fill) {
        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            fill.accept(i);
        }
        long after = usedAfterGc();
        return (after - before) / (double) n;
    }

    /**
     * The used heap once it stops moving: the agent's own threads (weaver, JMX registration) may
     * still be allocating or releasing when the first measurement starts.
     */
    private static long usedAfterGc() {
        long previous = heapAfterGc();
        for (int i = 0; i < 50; i++) {
            long used = heapAfterGc();
            if (Math.abs(used - previous) < 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }

    private static long heapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
