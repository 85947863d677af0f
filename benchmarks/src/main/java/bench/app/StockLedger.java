package bench.app;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A write to a slow "database" (1 ms per UPDATE): woven by the write-behind rule of
 * benchmarks/bench-rules-write-behind.yaml. Counts how often its body really ran.
 */
public class StockLedger {
    public static final AtomicLong WRITES = new AtomicLong();

    public void update(long sku, int qty) {
        WRITES.incrementAndGet();
        DatabaseWrite.take();
    }
}
