package io.cacheweaver.bench;

import bench.app.PlainStockLedger;
import bench.app.StockLedger;
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
 * The latency of a write call against a 1 ms "database", with and without write-behind, over
 * 1,024 keys: {@code writeBehind} calls {@link StockLedger#update} (woven by
 * benchmarks/bench-rules-write-behind.yaml: the call stores the value and returns, the body runs
 * later on an agent thread), {@code direct} calls its unwoven twin {@link PlainStockLedger}.
 * Run from the repository root (the fork's agent and rules paths are relative to it); see
 * docs/performance.md, "Write-behind".
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-javaagent:agent/target/cacheweaver-agent.jar=rules=benchmarks/bench-rules-write-behind.yaml")
@Threads(1)
public class WriteBehindBenchmark {

    @State(Scope.Thread)
    public static class Cursor {
        int index;
        int qty;

        long nextSku() {
            return index++ & Keys.MASK;
        }
    }

    @State(Scope.Benchmark)
    public static class Ledgers {
        final StockLedger woven = new StockLedger();
        final PlainStockLedger plain = new PlainStockLedger();

        @Setup(Level.Trial)
        public void checkWoven() {
            long before = StockLedger.WRITES.get();
            woven.update(-1, 0);
            if (StockLedger.WRITES.get() != before) {
                throw new IllegalStateException("bench.app.StockLedger is not woven: run from the repository root with the"
                        + " agent built (agent/target/cacheweaver-agent.jar)");
            }
        }
    }

    @Benchmark
    public void writeBehind(Ledgers ledgers, Cursor cursor) {
        ledgers.woven.update(cursor.nextSku(), cursor.qty++);
    }

    @Benchmark
    public void direct(Ledgers ledgers, Cursor cursor) {
        ledgers.plain.update(cursor.nextSku(), cursor.qty++);
    }
}
