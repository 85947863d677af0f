package io.cacheweaver.bench;

import bench.app.Shelf;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batch rules: a 100-id lookup ({@link Shelf}, a simulated 100 µs + 1 µs/id database query),
 * local layer only, with the real agent attached to the fork
 * ({@code -javaagent:agent/target/cacheweaver-agent.jar=rules=benchmarks/bench-rules-batch.yaml}).
 * <ul>
 *   <li>{@code uncached}: no rule, every call queries all 100 ids.</li>
 *   <li>{@code batchAllCached} / {@code listAllCached}: the same 100 ids every call, with one
 *       entry per id (batch rule) or one entry for the whole list ({@code key: "{ids}"}).</li>
 *   <li>{@code batchNinetyCached} / {@code listNinetyCached}: 90 ids every call has seen before
 *       and 10 never asked for yet. The batch rule queries the 10; a list key is a new key, so the
 *       list rule queries all 100 (and stores one more list).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class BatchBenchmark {
    private static final int SIZE = 100;
    private static final int FRESH = 10;

    @State(Scope.Thread)
    public static class Calls {
        Shelf shelf;
        List<Long> same;
        long next = 1_000_000; // ids never asked for before

        @Setup(Level.Trial)
        public void setUp() {
            shelf = new Shelf();
            same = new ArrayList<>();
            for (long id = 0; id < SIZE; id++) {
                same.add(id);
            }
            shelf.findByIds(same);
            shelf.findList(same);
            long before = shelf.queries();
            shelf.findByIds(same);
            shelf.findList(same);
            if (shelf.queries() != before) {
                throw new IllegalStateException("bench.app.Shelf is not woven: the fork must run with "
                        + "-javaagent:agent/target/cacheweaver-agent.jar=rules=benchmarks/bench-rules-batch.yaml");
            }
        }

        /** The first 90 of {@link #same}, then 10 ids never asked for. */
        List<Long> ninetySeen() {
            List<Long> ids = new ArrayList<>(same.subList(0, SIZE - FRESH));
            for (int i = 0; i < FRESH; i++) {
                ids.add(next++);
            }
            return ids;
        }
    }

    @Benchmark
    public Object uncached(Calls calls) {
        return calls.shelf.findUncached(calls.same);
    }

    @Benchmark
    public Object batchAllCached(Calls calls) {
        return calls.shelf.findByIds(calls.same);
    }

    @Benchmark
    public Object listAllCached(Calls calls) {
        return calls.shelf.findList(calls.same);
    }

    @Benchmark
    public Object batchNinetyCached(Calls calls) {
        return calls.shelf.findByIds(calls.ninetySeen());
    }

    @Benchmark
    public Object listNinetyCached(Calls calls) {
        return calls.shelf.findList(calls.ninetySeen());
    }
}
