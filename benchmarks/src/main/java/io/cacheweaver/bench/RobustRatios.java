package io.cacheweaver.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The suite's noise-resistant rows: P1a/P1b again as medians of paired forks
 * ({@link PairedForks}), P9 hits under 2 and 8 threads (woven ÷ hand-written, same rounds), and
 * P10 bytes per cached entry ({@link MemoryPerEntry}, in a forked JVM with the agent). Each row
 * is {@code id, what, result, goal, met}, as the suite's summary table takes them.
 *
 * <p>Standalone: {@code java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)
 * -Dcacheweaver.root=$PWD io.cacheweaver.bench.RobustRatios} prints the rows (knobs: {@code
 * bench.pairedRounds} (4), {@code bench.warmups} (3), {@code bench.iterations} (3), {@code bench.seconds} (1),
 * {@code bench.agent} (the agent jar to measure), {@code bench.only} (row ids to run, e.g. {@code P1b,P10})).
 */
final class RobustRatios {
    private static final String L1 = "io.cacheweaver.bench.L1HitBenchmark.";

    private final Path root;
    private final Path agent;
    private final int rounds = Integer.getInteger("bench.pairedRounds", 4);
    private final PairedForks forks;

    RobustRatios(Path root, Path agent) {
        this.root = root;
        this.agent = agent;
        String javaagent = "-javaagent:" + agent + "=rules=" + root.resolve("benchmarks/bench-rules.yaml");
        this.forks = new PairedForks(List.of(javaagent), Integer.getInteger("bench.warmups", 3),
                Integer.getInteger("bench.iterations", 3), Integer.getInteger("bench.seconds", 1));
    }

    public static void main(String[] args) throws Exception {
        Path root = Paths.get(System.getProperty("cacheweaver.root", ".")).toAbsolutePath().normalize();
        Path agent = Paths.get(System.getProperty("bench.agent", root.resolve("agent/target/cacheweaver-agent.jar").toString()));
        RobustRatios ratios = new RobustRatios(root, agent);
        String warning = PairedForks.loadWarning();
        if (!warning.isEmpty()) {
            System.out.println(warning);
        }
        for (String[] row : ratios.rows()) {
            System.out.println("| " + String.join(" | ", row) + " |");
        }
    }

    private final List<String> only = List.of(System.getProperty("bench.only", "P1a,P1b,P9,P10").split(","));

    List<String[]> rows() throws Exception {
        List<String[]> rows = new ArrayList<>();
        if (only.contains("P1a")) {
            p1a(rows);
        }
        if (only.contains("P1b")) {
            p1b(rows);
        }
        if (only.contains("P9")) {
            p9(rows);
        }
        if (only.contains("P10")) {
            rows.add(memory());
        }
        return rows;
    }

    private void p1a(List<String[]> rows) throws Exception {
        PairedForks.Outcome single = forks.ratio("P1a", L1 + "wovenSingleArg", L1 + "handWrittenSingleArg", 1, rounds);
        rows.add(new String[] {"P1a′", "P1a as the median of paired forks (woven and hand-written interleaved fork by fork)",
                single.describe(), "≤ 1.05×", verdict(single, 1.05)});
    }

    private void p1b(List<String[]> rows) throws Exception {
        PairedForks.Outcome three = forks.ratio("P1b", L1 + "wovenThreeArg", L1 + "handWrittenThreeArg", 1, rounds);
        rows.add(new String[] {"P1b′", "P1b as the median of paired forks (`CompositeKey` default key)",
                three.describe(), "≤ 1.25×, B/op ≤ hand-written", verdict(three, 1.25)
                        + (three.bytesA() <= three.bytesB() + 0.5 ? "" : "; B/op: **no**")});
    }

    private void p9(List<String[]> rows) throws Exception {
        for (int threads : new int[] {2, 8}) {
            PairedForks.Outcome hits = forks.ratio("P9", L1 + "wovenSingleArg", L1 + "handWrittenSingleArg", threads, rounds);
            rows.add(new String[] {"P9-" + threads, "L1 hits from " + threads + " threads at once, woven ÷ hand-written"
                    + " (ns/op per thread)", hits.describe(), "≤ 1.10×", verdict(hits, 1.10)});
        }
    }

    private String[] memory() {
        List<String> jvm = List.of("-XX:+UseSerialGC", "-Xmx512m",
                "-javaagent:" + agent + "=rules=" + root.resolve("benchmarks/bench-rules.yaml"));
        String classPath = root.resolve("benchmarks/target/classes") + java.io.File.pathSeparator + System.getProperty("java.class.path");
        Procs.Result result = Procs.capture(Procs.javaCommand(jvm, List.of("-cp", classPath,
                MemoryPerEntry.class.getName(), "10000")), root, 300);
        String what = "bytes per local entry (10,000 entries, values included), woven ÷ plain Caffeine";
        if (result.exit() != 0) {
            return new String[] {"P10", what, "did not run (exit " + result.exit() + ")", "≤ 1.3×", "n/a"};
        }
        StringBuilder text = new StringBuilder();
        boolean met = true;
        for (String line : result.output().lines().filter(l -> l.startsWith("memory ")).toList()) {
            String ratio = line.substring(line.indexOf("ratio=") + "ratio=".length()).trim();
            met &= Double.parseDouble(ratio) <= 1.3;
            text.append(text.length() == 0 ? "" : "; ").append(line.substring("memory ".length()));
        }
        return new String[] {"P10", what, text.toString(), "≤ 1.3×", met ? "yes" : "**no**"};
    }

    private static String verdict(PairedForks.Outcome outcome, double goal) {
        if (outcome.max() <= goal) {
            return "yes (every paired fork)";
        }
        return outcome.median() <= goal ? "median only (range " + String.format(Locale.ROOT, "%.2f–%.2f", outcome.min(),
                outcome.max()) + ")" : "**no**";
    }
}
