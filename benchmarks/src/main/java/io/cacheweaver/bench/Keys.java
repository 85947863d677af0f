package io.cacheweaver.bench;

import java.util.SplittableRandom;

/**
 * The keys every hit benchmark reads, drawn once (fixed seed) so that no key generation or
 * random number happens inside a measured call, as in Caffeine's GetPutBenchmark. Ids lie
 * outside the {@code Long.valueOf} cache, so every side boxes its argument for real.
 */
final class Keys {
    static final int SIZE = 1024; // power of two
    static final int MASK = SIZE - 1;
    static final long[] IDS = new long[SIZE];
    static final long[] CUSTOMERS = new long[SIZE];
    static final String[] SKUS = new String[SIZE];
    static final int[] QUANTITIES = new int[SIZE];

    static {
        SplittableRandom random = new SplittableRandom(20260801);
        java.util.Set<Long> used = new java.util.HashSet<>();
        for (int i = 0; i < SIZE; i++) {
            long id;
            do {
                id = 1_000_000 + random.nextLong(9_000_000);
            } while (!used.add(id));
            IDS[i] = id;
            CUSTOMERS[i] = 10_000 + random.nextInt(90_000);
            SKUS[i] = "SKU-" + (1000 + random.nextInt(9000)) + "-" + (char) ('A' + random.nextInt(26));
            QUANTITIES[i] = 1 + random.nextInt(20);
        }
    }

    private Keys() {
    }
}
