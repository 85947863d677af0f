package io.cacheweaver.bench;

import static io.cacheweaver.bench.PerformanceReport.met;
import static io.cacheweaver.bench.ProbeOutput.number;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;

/**
 * P6: the demo app under load, without and with the agent ({@code com.legacyshop.LoadCompare}
 * in demo-app.jar), against the ceiling of the same server on a zero-latency database; writes
 * P6's row and its section. The load generator lives in the demo; this class runs it and reads
 * its printed table.
 */
final class DemoLoadComparison {
    private final Path root;
    private final Path agent;
    private final PerformanceReport report;

    DemoLoadComparison(Path root, Path agent, PerformanceReport report) {
        this.root = root;
        this.agent = agent;
        this.report = report;
    }

    void run() throws IOException {
        Path demoJar = root.resolve("demo-app/target/demo-app.jar");
        boolean hasLoadMode = false;
        if (Files.isRegularFile(demoJar)) {
            try (JarFile jar = new JarFile(demoJar.toFile())) {
                hasLoadMode = jar.getEntry("com/legacyshop/LoadCompare.class") != null;
            }
        }
        if (!hasLoadMode) {
            report.row("P6", "demo under load, cached vs uncached", "TODO: demo-app has no load mode yet", "≥ 20× throughput", "–");
            report.put("P6", "Not run: `demo-app/target/demo-app.jar` with `com.legacyshop.LoadCompare` not found.");
            return;
        }
        int loadSeconds = Integer.getInteger("bench.loadSeconds", 8);
        Procs.Result result = Procs.capture(Procs.javaCommand(List.of(), List.of("-cp", demoJar.toString(), "com.legacyshop.LoadCompare",
                "--agent", agent.toString(), "--rules", root.resolve("demo-app/cache-rules.yaml").toString(),
                "--seconds", String.valueOf(loadSeconds), "--warmup", "3")), root, 600);
        String[] rps = row(result, "requests/s");
        String[] p99 = row(result, "latency p99 (ms)");
        String[] qpr = row(result, "DB queries per request");
        StringBuilder out = new StringBuilder("`java -cp demo-app/target/demo-app.jar com.legacyshop.LoadCompare --agent ... --rules demo-app/cache-rules.yaml --seconds "
                + loadSeconds + " --warmup 3` (exit " + result.exit() + "):\n\n```\n");
        boolean inTable = false;
        for (String line : result.lines()) {
            if (line.startsWith("cacheweaver load comparison") || line.startsWith("  workload") || line.startsWith("  product ids")
                    || line.startsWith("  each run")) {
                out.append(line).append('\n');
            }
            if (line.contains("no agent") && line.contains("with cacheweaver")) {
                inTable = true;
            }
            if (inTable) {
                out.append(line).append('\n');
                if (line.trim().startsWith("DB queries per request")) {
                    inTable = false;
                }
            }
        }
        out.append("```\n");
        report.put("P6", out.toString());
        if (rps == null || p99 == null) {
            report.row("P6", "demo under load (LoadCompare), cached vs uncached", "run failed, see §P6", "≥ 20× throughput", "**no**");
            return;
        }
        double plain = number(rps[1]);
        double cached = number(rps[2]);
        double ratio = cached / plain;
        // the ceiling: the same server without the agent and with a database that answers at once
        // (no jar at the agent path: LoadCompare measures its baseline only)
        Procs.Result free = Procs.capture(Procs.javaCommand(List.of(), List.of("-cp", demoJar.toString(), "com.legacyshop.LoadCompare",
                "--agent", root.resolve("benchmarks/target/no-agent-here.jar").toString(), "--db-latency-ms", "0",
                "--seconds", String.valueOf(loadSeconds), "--warmup", "3")), root, 600);
        String[] ceilingRow = row(free, "requests/s", 2);
        double ceiling = ceilingRow == null ? Double.NaN : number(ceilingRow[1]);
        double ofCeiling = cached / ceiling;
        double p99Ratio = number(p99[2]) / number(p99[1]);
        report.put("P6", out + "\nThe ceiling, the same server without the agent and with a zero-latency database "
                + "(`LoadCompare --db-latency-ms 0`, baseline only): " + (ceilingRow == null ? "run failed" : ceilingRow[1] + " req/s")
                + (ceilingRow == null ? "" : String.format(Locale.ROOT, "; the cached run reached %.0f %% of it.", 100 * ofCeiling)) + "\n");
        boolean met = ofCeiling >= 0.8 && p99Ratio <= 1.0 / 3;
        report.row("P6", "demo under load (LoadCompare: same server without/with the agent), "
                + loadSeconds + " s measured each, against the zero-latency-database ceiling",
                String.format(Locale.ROOT, "cached %s req/s = %.0f %% of the ceiling (%s req/s; uncached %s, %.1f×); p99 %s → %s ms (%.2f of uncached);"
                                + " DB queries per request %s → %s",
                        rps[2], 100 * ofCeiling, ceilingRow == null ? "?" : ceilingRow[1], rps[1], ratio, p99[1], p99[2], p99Ratio,
                        qpr == null ? "?" : qpr[1], qpr == null ? "?" : qpr[2]),
                "≥ 80 % of the ceiling, p99 ≤ 1/3 of uncached", met(met, met));
    }

    /** A row of LoadCompare's table: name, no agent, with cacheweaver[, change]. */
    private static String[] row(Procs.Result result, String name) {
        return row(result, name, 3);
    }

    private static String[] row(Procs.Result result, String name, int minCells) {
        for (String line : result.lines()) {
            String trimmed = line.trim();
            if (trimmed.startsWith(name + " ")) {
                String[] cells = trimmed.split("\\s{2,}");
                if (cells.length >= minCells) {
                    return cells;
                }
            }
        }
        return null;
    }
}
