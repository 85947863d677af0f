package io.cacheweaver.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * P4: wall time of whole JVM runs (ProcessBuilder start to exit) of one application under
 * several agent variants. Rounds alternate the variants, rotating their order every round, so
 * that drift on the machine hits every variant alike; the first rounds are discarded.
 */
final class StartupBench {
    record Variant(String name, List<String> jvmArgs, Predicate<String> validOutput) {
    }

    /** {@code inRoundOrder}: each measured round's time, so that two variants can be paired round by round. */
    record Stats(String variant, int runs, double median, double p90, double min, double[] inRoundOrder) {
    }

    private StartupBench() {
    }

    static Map<String, Stats> run(String label, List<Variant> variants, List<String> app, Path workDir, int rounds, int warmupRounds) {
        return run(label, variants, app, workDir, rounds, warmupRounds, null);
    }

    /** {@code readyLine}: for a server, the output line that ends the measurement (null: the JVM's exit does). */
    static Map<String, Stats> run(String label, List<Variant> variants, List<String> app, Path workDir, int rounds, int warmupRounds,
                                  String readyLine) {
        for (Variant variant : variants) { // one checked run each: the variant really does what it claims
            List<String> command = Procs.javaCommand(variant.jvmArgs(), app);
            Procs.Result result = readyLine == null ? Procs.capture(command, workDir, 120) : Procs.untilLine(command, workDir, readyLine);
            if (result.exit() != 0 || !variant.validOutput().test(result.output())) {
                throw new IllegalStateException(label + " / " + variant.name() + ": unexpected run (exit " + result.exit()
                        + "):\n" + result.output());
            }
        }
        Map<String, List<Double>> times = new LinkedHashMap<>();
        variants.forEach(v -> times.put(v.name(), new ArrayList<>()));
        for (int round = 0; round < warmupRounds + rounds; round++) {
            for (int i = 0; i < variants.size(); i++) {
                Variant variant = variants.get((round + i) % variants.size());
                List<String> command = Procs.javaCommand(variant.jvmArgs(), app);
                double ms = readyLine == null ? Procs.timeMillis(command, workDir) : Procs.untilLine(command, workDir, readyLine).wallMillis();
                if (round >= warmupRounds) {
                    times.get(variant.name()).add(ms);
                }
            }
            System.out.printf("[P4 %s] round %d/%d done%n", label, round + 1, warmupRounds + rounds);
        }
        Map<String, Stats> stats = new LinkedHashMap<>();
        times.forEach((name, list) -> {
            double[] inOrder = list.stream().mapToDouble(Double::doubleValue).toArray();
            double[] sorted = inOrder.clone();
            Arrays.sort(sorted);
            stats.put(name, new Stats(name, sorted.length, percentile(sorted, 50), percentile(sorted, 90), sorted[0], inOrder));
        });
        return stats;
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double rank = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    /**
     * {@code with}'s time ÷ {@code without}'s, round by round, sorted. The variants of a round run
     * one after the other, so a ratio within a round is not moved by the machine getting busier or
     * quieter over the minutes of the whole run, as the ratio of two medians is.
     */
    static double[] pairedRatios(Stats with, Stats without) {
        double[] ratios = new double[Math.min(with.runs(), without.runs())];
        for (int round = 0; round < ratios.length; round++) {
            ratios[round] = with.inRoundOrder()[round] / without.inRoundOrder()[round];
        }
        Arrays.sort(ratios);
        return ratios;
    }

    static double median(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 50);
    }
}
