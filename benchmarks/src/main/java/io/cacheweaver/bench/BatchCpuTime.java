package io.cacheweaver.bench;

import bench.app.Shelf;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The calls of {@link BatchBenchmark}, measured in CPU time of the calling thread
 * ({@link ThreadMXBean#getCurrentThreadCpuTime}) rather than wall time, with the simulated
 * database time switched off and the queries and rows each call sends to the "database" counted
 * instead: figures that a loaded, shared machine does not distort (time the thread spends
 * descheduled is not counted). Run with the agent:
 * <pre>
 * java -javaagent:agent/target/cacheweaver-agent.jar=rules=benchmarks/bench-rules-batch.yaml \
 *      -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) io.cacheweaver.bench.BatchCpuTime
 * </pre>
 */
public final class BatchCpuTime {
    private static final int WARM_UP = 30_000;
    private static final int MEASURED = 30_000;

    private BatchCpuTime() {
    }

    public static void main(String[] args) {
        Shelf.simulate = false;
        Shelf shelf = new Shelf();
        List<Long> same = new ArrayList<>();
        for (long id = 0; id < 100; id++) {
            same.add(id);
        }
        long[] next = {1_000_000};
        Supplier<List<Long>> ninetySeen = () -> {
            List<Long> ids = new ArrayList<>(same.subList(0, 90));
            for (int i = 0; i < 10; i++) {
                ids.add(next[0]++);
            }
            return ids;
        };
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("| call (100 ids) | CPU µs per call | queries per call | ids queried per call |");
        System.out.println("|---|---|---|---|");
        measure("uncached (no rule)", () -> shelf.findUncached(same), shelf, threads);
        measure("batch rule, all 100 cached", () -> shelf.findByIds(same), shelf, threads);
        measure("one key per list, the same list", () -> shelf.findList(same), shelf, threads);
        measure("batch rule, 90 cached + 10 new", () -> shelf.findByIds(ninetySeen.get()), shelf, threads);
        measure("one key per list, 90 seen + 10 new", () -> shelf.findList(ninetySeen.get()), shelf, threads);
    }

    private static void measure(String name, Supplier<Object> call, Shelf shelf, ThreadMXBean threads) {
        Object sink = null;
        for (int i = 0; i < WARM_UP; i++) {
            sink = call.get();
        }
        long queries = shelf.queries();
        long rows = shelf.rows();
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < MEASURED; i++) {
            sink = call.get();
        }
        double micros = (threads.getCurrentThreadCpuTime() - cpu) / 1_000.0 / MEASURED;
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.1f |%n", name, micros,
                (shelf.queries() - queries) / (double) MEASURED, (shelf.rows() - rows) / (double) MEASURED);
        if (sink == null) {
            throw new IllegalStateException();
        }
    }
}
