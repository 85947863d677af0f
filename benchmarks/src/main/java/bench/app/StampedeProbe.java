package bench.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

/**
 * P5: {@code threads} threads call {@link SlowSource#load} for the same cold key at once
 * (released together by a barrier), {@code trials} times with a fresh key each time. Prints
 * one line per trial ({@code trial=i calls=n wallMs=t distinctValues=v}) and a summary. Run with
 * the agent for the real test, without it for the naive baseline (every thread calls the source).
 */
public final class StampedeProbe {
    private StampedeProbe() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        SlowSource source = new SlowSource();
        source.load("warm-up"); // class loading and site compilation outside the measured trials
        long[] calls = new long[trials];
        double[] wall = new double[trials];
        for (int trial = 0; trial < trials; trial++) {
            String key = "cold-" + trial;
            CyclicBarrier barrier = new CyclicBarrier(threads + 1);
            String[] seen = new String[threads];
            List<Thread> started = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int slot = t;
                Thread thread = new Thread(() -> {
                    try {
                        barrier.await();
                        seen[slot] = source.load(key);
                    } catch (Exception e) {
                        seen[slot] = "error: " + e;
                    }
                });
                thread.start();
                started.add(thread);
            }
            int before = SlowSource.CALLS.get();
            barrier.await();
            long start = System.nanoTime();
            for (Thread thread : started) {
                thread.join();
            }
            wall[trial] = (System.nanoTime() - start) / 1e6;
            calls[trial] = SlowSource.CALLS.get() - before;
            long distinct = Arrays.stream(seen).distinct().count();
            System.out.printf(java.util.Locale.ROOT, "trial=%d calls=%d wallMs=%.1f distinctValues=%d%n",
                    trial, calls[trial], wall[trial], distinct);
        }
        long exactlyOne = Arrays.stream(calls).filter(c -> c == 1).count();
        double[] sorted = wall.clone();
        Arrays.sort(sorted);
        System.out.printf(java.util.Locale.ROOT, "summary threads=%d trials=%d exactlyOne=%d minCalls=%d maxCalls=%d wallMedianMs=%.1f wallMaxMs=%.1f%n",
                threads, trials, exactlyOne, Arrays.stream(calls).min().orElse(-1), Arrays.stream(calls).max().orElse(-1),
                sorted[sorted.length / 2], sorted[sorted.length - 1]);
    }
}
