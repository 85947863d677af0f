package io.cacheweaver.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** One JMH result: primary score and error, and the GC profiler's normalised allocation. */
record Score(double score, double error, double bytesPerOp, String unit) {
    String row(String name, String agent) {
        return String.format(Locale.ROOT, "| `%s` | %s | %.2f | %.2f | %.1f |%n", name, agent, score, error, bytesPerOp);
    }

    /** The runs' scores by {@code Class.method}, in JMH's order. */
    static Map<String, Score> byBenchmark(Collection<RunResult> results) {
        Map<String, Score> map = new LinkedHashMap<>();
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            Result<?> primary = run.getPrimaryResult();
            double bytes = Double.NaN;
            for (Map.Entry<String, Result<?>> e : castSecondary(run).entrySet()) {
                if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                    bytes = e.getValue().getScore();
                }
            }
            map.put(name, new Score(primary.getScore(), primary.getScoreError(), bytes, primary.getScoreUnit()));
        }
        return map;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, Result<?>> castSecondary(RunResult run) {
        return (Map) run.getSecondaryResults(); // JMH declares Map<String, Result> (raw)
    }
}
