package io.cacheweaver.bench;

import bench.app.Untouched;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P7: a method no rule names ({@link Untouched#checksum}). The suite runs this benchmark twice in
 * the same run: in forks with the agent attached and in forks without it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(2)
@State(Scope.Thread)
public class UnmatchedBenchmark {
    private final Untouched untouched = new Untouched();
    private long seed = 17;

    @Benchmark
    public long unmatchedMethod() {
        return untouched.checksum(seed++);
    }
}
