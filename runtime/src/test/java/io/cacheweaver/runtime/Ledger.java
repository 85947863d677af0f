package io.cacheweaver.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stock table for the write-behind handler tests: records every update body that ran, and where. */
public class Ledger {
    static final List<String> WRITES = new CopyOnWriteArrayList<>();

    public void update(String sku, int qty) {
        WRITES.add(sku + "=" + qty + "@" + Thread.currentThread().getName().replaceAll("[0-9]+$", "N"));
    }

    public Integer stock(String sku) {
        return -1;
    }
}
