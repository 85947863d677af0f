package io.cacheweaver.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The whole performance suite in one JVM: runs P1–P7 side by side and writes
 * {@code docs/performance.md} from {@code benchmarks/performance-template.md}. Started by
 * {@code benchmarks/run.sh} from the repository root; never part of {@code mvn verify}.
 *
 * <p>Knobs (system properties): {@code bench.forks} (2), {@code bench.warmups} (3),
 * {@code bench.iterations} (3), {@code bench.seconds} (1), {@code bench.startupRounds} (20),
 * {@code bench.stampedeTrials} (100), {@code bench.loadSeconds} (8), {@code bench.out}
 * (docs/performance.md).
 *
 * <p>This class is the driver only: the parts ({@link JmhBenchmarks}, {@link RobustRatios},
 * {@link ProbeRuns}, {@link StartupComparison}, {@link DemoLoadComparison}) run in this order
 * and put their rows and placeholders into one {@link PerformanceReport}, which writes the file.
 */
public final class Suite {
    private Suite() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Paths.get(System.getProperty("cacheweaver.root", ".")).toAbsolutePath().normalize();
        Path built = root.resolve("agent/target/cacheweaver-agent.jar");
        Path agent = snapshot(built, root.resolve("benchmarks/target/agent-under-test.jar"));
        PerformanceReport report = new PerformanceReport(root);
        JmhBenchmarks jmh = new JmhBenchmarks(root, agent, report);
        long start = System.nanoTime();
        String loadBefore = loadAverage();
        machine(report);
        report.put("JMH_SETTINGS", jmh.settings());
        String warning = PairedForks.loadWarning();
        JmhBenchmarks.P7Timing p7 = jmh.run();
        if (Boolean.parseBoolean(System.getProperty("bench.robust", "true"))) {
            report.rows(new RobustRatios(root, agent).rows()); // P1a′, P1b′, P9, P10
        }
        ProbeRuns probes = new ProbeRuns(root, agent, report);
        probes.transformEvidence(p7);
        probes.stampede();
        probes.expiry();
        new StartupComparison(root, agent, report).run();
        new DemoLoadComparison(root, agent, report).run();
        report.put("LOAD", (warning.isEmpty() ? "" : warning + "; ")
                + "load average before the run: " + loadBefore + "; after: " + loadAverage());
        report.put("DURATION", String.format(Locale.ROOT, "%.1f min", (System.nanoTime() - start) / 60e9));
        report.write(Paths.get(System.getProperty("bench.out", root.resolve("docs/performance.md").toString())));
    }

    /**
     * Other people rebuild agent/target while the suite runs; every fork must see the same,
     * complete jar. The copy is byte-identical to the built agent jar.
     */
    private static Path snapshot(Path built, Path copy) throws IOException {
        try (JarFile jar = new JarFile(built.toFile())) {
            if (jar.getManifest() == null || jar.getManifest().getMainAttributes().getValue("Premain-Class") == null) {
                throw new IllegalStateException(built + " is not a complete agent jar (being rebuilt?); build it with "
                        + "mvn -q -B install -DskipTests -pl bootstrap,rules,runtime,agent");
            }
        }
        Files.createDirectories(copy.getParent());
        Files.copy(built, copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    // ---------------------------------------------------------------- machine

    private static void machine(PerformanceReport report) throws IOException {
        String model = "unknown";
        Path cpuinfo = Paths.get("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                model = lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                        .findFirst().orElse(model);
            }
        }
        report.put("MACHINE", String.format(Locale.ROOT,
                "`nproc` = %d, CPU model `%s`, %s %s; JDK: %s %s (%s), `java.home` %s",
                Runtime.getRuntime().availableProcessors(), model, System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), System.getProperty("java.vendor"),
                System.getProperty("java.home")));
        report.put("DATE", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " / " + fields[1] + " / " + fields[2] + " (1/5/15 min)";
        } catch (IOException e) {
            return "n/a";
        }
    }
}
