package io.cacheweaver.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the suite has found so far, and the writer of {@code docs/performance.md}: each part of
 * the suite puts its {@code {{PLACEHOLDER}}} texts and summary rows here as it runs, and
 * {@link #write} fills {@code benchmarks/performance-template.md} once at the end. One shared
 * report rather than parts returning their rows: placeholders are replaced in the order they
 * were first put, and a part may put a placeholder and replace its text later (P6).
 */
final class PerformanceReport {
    private final Path root;
    private final Map<String, String> placeholders = new LinkedHashMap<>();
    private final List<String[]> summary = new ArrayList<>(); // id, what, result, goal, met

    PerformanceReport(Path root) {
        this.root = root;
    }

    /** The text for {@code {{name}}} in the template. */
    void put(String name, String text) {
        placeholders.put(name, text);
    }

    /** One row of the summary table. */
    void row(String id, String what, String result, String goal, String met) {
        summary.add(new String[] {id, what, result, goal, met});
    }

    /** Rows already shaped as {@code id, what, result, goal, met} (as {@link RobustRatios} gives them). */
    void rows(List<String[]> rows) {
        summary.addAll(rows);
    }

    static String met(boolean atConfidence, boolean atPoint) {
        if (atConfidence) {
            return "yes";
        }
        return atPoint ? "point estimate only (not at the 99.9 % bound)" : "**no**";
    }

    void write(Path out) throws IOException {
        StringBuilder table = new StringBuilder("| ID | What | Result | Goal | Met? |\n|---|---|---|---|---|\n");
        summary.stream().sorted(java.util.Comparator.comparing(r -> r[0]))
                .forEach(r -> table.append("| ").append(String.join(" | ", r)).append(" |\n"));
        placeholders.put("SUMMARY_TABLE", table.toString());
        String text = Files.readString(root.resolve("benchmarks/performance-template.md"));
        for (Map.Entry<String, String> e : placeholders.entrySet()) {
            text = text.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
        System.out.println();
        System.out.println(table);
        System.out.println("wrote " + out);
    }
}
