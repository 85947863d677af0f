package bench.app;

import java.util.concurrent.atomic.AtomicLong;

/** {@link StockLedger}'s twin that no rule names: every call pays the 1 ms write. */
public class PlainStockLedger {
    public static final AtomicLong WRITES = new AtomicLong();

    public void update(long sku, int qty) {
        WRITES.incrementAndGet();
        DatabaseWrite.take();
    }
}
