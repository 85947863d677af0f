package io.cacheweaver.bench;

import static io.cacheweaver.bench.PerformanceReport.met;
import static io.cacheweaver.bench.ProbeOutput.keyValues;
import static io.cacheweaver.bench.ProbeOutput.number;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The suite's probes: small programs in {@code bench.app} run in their own JVM with (and without)
 * the agent, whose goals are about behaviour rather than time — P7's evidence that an unnamed
 * class is not transformed, P5 (one source call under a stampede) and P8 (no waiting at expiry
 * with {@code refreshAfter}). Apart from the JMH runs because they judge what a process printed.
 */
final class ProbeRuns {
    private final Path root;
    private final Path agent;
    private final Path rules;
    private final Path classes;
    private final PerformanceReport report;

    ProbeRuns(Path root, Path agent, PerformanceReport report) {
        this.root = root;
        this.agent = agent;
        this.rules = root.resolve("benchmarks/bench-rules.yaml");
        this.classes = root.resolve("benchmarks/target/classes");
        this.report = report;
    }

    // ---------------------------------------------------------------- P7 evidence

    void transformEvidence(JmhBenchmarks.P7Timing p7) throws IOException {
        Path dump = Files.createTempDirectory("cacheweaver-dump");
        Procs.Result result = Procs.capture(Procs.javaCommand(List.of("-Dnet.bytebuddy.dump=" + dump, "-javaagent:" + agent + "=rules=" + rules),
                List.of("-cp", classes.toString(), "bench.app.TransformProbe")), root, 120);
        List<String> dumped;
        try (Stream<Path> files = Files.list(dump)) {
            dumped = files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        List<String> agentLines = result.lines().stream().filter(l -> l.startsWith("[cacheweaver]")).collect(Collectors.toList());
        boolean untouchedDumped = dumped.stream().anyMatch(n -> n.contains("Untouched"));
        boolean priceBookDumped = dumped.stream().anyMatch(n -> n.contains("PriceBook"));
        boolean untouchedLogged = agentLines.stream().anyMatch(l -> l.contains("Untouched"));
        boolean priceBookLogged = agentLines.stream().anyMatch(l -> l.contains("PriceBook"));
        boolean hit = result.output().contains("priceBookComputations=1 ");
        boolean notTransformed = result.exit() == 0 && !untouchedDumped && !untouchedLogged && priceBookDumped && priceBookLogged && hit;
        report.row("P7", "a method no rule names (`bench.app.Untouched#checksum`), agent vs no agent",
                p7.text() + "; class not transformed: " + (notTransformed ? "confirmed" : "NOT CONFIRMED"),
                "~1.00× (±2 %), not transformed",
                notTransformed ? "not transformed: yes; time: " + p7.verdict() : "**no** (transformed or not confirmed)");
        StringBuilder evidence = new StringBuilder();
        evidence.append("`java -Dnet.bytebuddy.dump=DIR -javaagent:...=rules=benchmarks/bench-rules.yaml -cp benchmarks/target/classes bench.app.TransformProbe` ")
                .append("(exit ").append(result.exit()).append("). Byte Buddy, and the lean weaver that weaves these rules, write every class they transform into DIR:\n\n```\n");
        dumped.forEach(n -> evidence.append(n).append('\n'));
        evidence.append("```\n\nThe agent's log (one line per woven method):\n\n```\n");
        agentLines.forEach(l -> evidence.append(l).append('\n'));
        evidence.append("```\n\n");
        evidence.append(String.format(Locale.ROOT, "`bench.app.Untouched` dumped: %s; named in the agent log: %s. "
                        + "`bench.app.PriceBook` dumped: %s; logged: %s; second `price(1)` call was a hit: %s.",
                untouchedDumped ? "**yes**" : "no", untouchedLogged ? "**yes**" : "no", priceBookDumped ? "yes" : "**no**",
                priceBookLogged ? "yes" : "**no**", hit ? "yes" : "**no**"));
        report.put("P7_EVIDENCE", evidence.toString());
        try (Stream<Path> files = Files.walk(dump)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // ---------------------------------------------------------------- P5

    void stampede() {
        int trials = Integer.getInteger("bench.stampedeTrials", 100);
        Procs.Result woven = Procs.capture(Procs.javaCommand(List.of("-javaagent:" + agent + "=rules=" + rules),
                List.of("-cp", classes.toString(), "bench.app.StampedeProbe", "64", String.valueOf(trials))), root, 600);
        Procs.Result naive = Procs.capture(Procs.javaCommand(List.of(),
                List.of("-cp", classes.toString(), "bench.app.StampedeProbe", "64", "5")), root, 120);
        Map<String, String> w = keyValues(woven.lineStartingWith("summary "));
        Map<String, String> n = keyValues(naive.lineStartingWith("summary "));
        boolean met = woven.exit() == 0 && String.valueOf(trials).equals(w.get("exactlyOne"));
        report.row("P5", "64 threads, one cold key, 50 ms source, one JVM with the agent",
                String.format(Locale.ROOT, "source calls per trial: exactly 1 in %s/%s trials (min %s, max %s); wall median %s ms, max %s ms "
                                + "(without agent: %s–%s calls)", w.get("exactlyOne"), trials, w.get("minCalls"), w.get("maxCalls"),
                        w.get("wallMedianMs"), w.get("wallMaxMs"), n.get("minCalls"), n.get("maxCalls")),
                "exactly 1, every trial", met(met, met));
        report.put("P5", "With the agent: `" + woven.lineStartingWith("summary ") + "`\n\nWithout the agent (naive baseline, same probe): `"
                + naive.lineStartingWith("summary ") + "`");
    }

    // ---------------------------------------------------------------- P8

    void expiry() {
        Map<String, Map<String, String>> modes = new LinkedHashMap<>();
        StringBuilder lines = new StringBuilder();
        for (String mode : List.of("plain", "refreshed")) {
            Procs.Result run = Procs.capture(Procs.javaCommand(List.of("-javaagent:" + agent + "=rules=" + rules),
                    List.of("-cp", classes.toString(), "bench.app.ExpiryProbe", mode, "8", "10")), root, 120);
            modes.put(mode, keyValues(run.lineStartingWith("summary ")));
            lines.append("`").append(run.lineStartingWith("summary ")).append("`\n\n");
        }
        Map<String, String> plain = modes.get("plain");
        Map<String, String> refreshed = modes.get("refreshed");
        boolean met = number(refreshed.getOrDefault("waitedOver10ms", "NaN")) * 10 <= number(plain.getOrDefault("waitedOver10ms", "NaN"));
        report.row("P8", "8 threads on 4 hot keys, ttl 1 s, 50 ms source: refreshAfter 80% vs plain ttl",
                String.format(Locale.ROOT, "p99.9 %s µs vs %s µs; calls that waited > 10 ms: %s vs %s; source calls per ttl: %s vs %s",
                        refreshed.get("p999Us"), plain.get("p999Us"), refreshed.get("waitedOver10ms"), plain.get("waitedOver10ms"),
                        refreshed.get("sourceCallsPerExpiry"), plain.get("sourceCallsPerExpiry")),
                "callers stop waiting at expiry (≥ 10× fewer waits)", met(met, met));
        report.put("P8", lines.toString().trim());
    }
}
