package io.cacheweaver.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * A ratio of two benchmarks that survives a noisy machine: the two sides run fork by fork,
 * interleaved (round r runs A then B, round r+1 B then A), each round gives one ratio, and the
 * result is the median of those per-round ratios with their spread. Load that drifts during the
 * run then hits both sides of a round alike instead of whichever benchmark JMH ran later.
 */
final class PairedForks {
    record Outcome(String label, int threads, double[] ratios, double medianA, double medianB, double bytesA, double bytesB) {
        double median() {
            return StartupBench.percentile(sorted(), 50);
        }

        double min() {
            return sorted()[0];
        }

        double max() {
            double[] sorted = sorted();
            return sorted[sorted.length - 1];
        }

        private double[] sorted() {
            double[] copy = ratios.clone();
            Arrays.sort(copy);
            return copy;
        }

        String describe() {
            return String.format(Locale.ROOT, "%.2f× median of %d paired forks (range %.2f–%.2f; %.1f vs %.1f ns, %.0f vs %.0f B/op)",
                    median(), ratios.length, min(), max(), medianA, medianB, bytesA, bytesB);
        }
    }

    private final List<String> agentArgs;
    private final int warmups;
    private final int iterations;
    private final int seconds;

    PairedForks(List<String> agentArgs, int warmups, int iterations, int seconds) {
        this.agentArgs = agentArgs;
        this.warmups = warmups;
        this.iterations = iterations;
        this.seconds = seconds;
    }

    /** {@code a} ÷ {@code b} (fully qualified benchmark method names) at {@code threads} threads, over {@code rounds} rounds. */
    Outcome ratio(String label, String a, String b, int threads, int rounds) throws RunnerException {
        double[] ratios = new double[rounds];
        List<Double> scoresA = new ArrayList<>();
        List<Double> scoresB = new ArrayList<>();
        List<Double> bytesA = new ArrayList<>();
        List<Double> bytesB = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            double[] first;
            double[] second;
            if (round % 2 == 0) {
                first = once(a, threads);
                second = once(b, threads);
            } else {
                second = once(b, threads);
                first = once(a, threads);
            }
            ratios[round] = first[0] / second[0];
            scoresA.add(first[0]);
            scoresB.add(second[0]);
            bytesA.add(first[1]);
            bytesB.add(second[1]);
            System.out.printf(Locale.ROOT, "[paired %s, %d thread(s)] round %d/%d: %.2f×%n", label, threads, round + 1, rounds,
                    ratios[round]);
        }
        return new Outcome(label, threads, ratios, median(scoresA), median(scoresB), median(bytesA), median(bytesB));
    }

    /** One fork of one benchmark: its score and its bytes per operation. */
    private double[] once(String benchmark, int threads) throws RunnerException {
        OptionsBuilder options = new OptionsBuilder();
        options.include("^" + benchmark.replace(".", "\\.") + "$")
                .forks(1)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .threads(threads)
                .jvmArgs("-Xms1g", "-Xmx1g")
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true);
        if (!agentArgs.isEmpty()) {
            options.jvmArgsAppend(agentArgs.toArray(String[]::new));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        RunResult run = results.iterator().next();
        double bytes = Double.NaN;
        for (var e : run.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                bytes = e.getValue().getScore();
            }
        }
        return new double[] {run.getPrimaryResult().getScore(), bytes};
    }

    private static double median(List<Double> values) {
        return StartupBench.percentile(values.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 50);
    }

    /** A line for the report when the machine is busy: the figures may still hold as ratios, but say so. */
    static String loadWarning() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Paths.get("/proc/loadavg")).trim().split("\\s+");
            double oneMinute = Double.parseDouble(fields[0]);
            int cores = Runtime.getRuntime().availableProcessors();
            return oneMinute > cores
                    ? String.format(Locale.ROOT, "**warning: load average %.1f on %d cores when this ran: absolute times are"
                            + " unreliable; trust only the paired ratios and their spread**", oneMinute, cores)
                    : "";
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }
}
