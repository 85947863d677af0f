package bench.app;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A DAO with a bulk lookup, for the batch benchmark: it has never heard of cacheweaver.
 * benchmarks/bench-rules-batch.yaml caches {@link #findByIds} one entry per id (a batch rule) and
 * {@link #findList} one entry per whole list (a plain rule keyed by the list); {@link #findUncached}
 * is named by no rule. Each call costs what a database round trip would, simulated by spinning:
 * {@link #ROUND_TRIP_NANOS} plus {@link #ROW_NANOS} per id asked for.
 */
public class Shelf {
    public static final long ROUND_TRIP_NANOS = 100_000;
    public static final long ROW_NANOS = 1_000;

    public record Item(long id, String name) {
    }

    /** false: no simulated database time (the CPU-time harness counts queries and rows instead). */
    public static volatile boolean simulate = true;

    private long queries;
    private long rows;

    public List<Item> findByIds(Collection<Long> ids) {
        return query(ids);
    }

    public List<Item> findList(Collection<Long> ids) {
        return query(ids);
    }

    public List<Item> findUncached(Collection<Long> ids) {
        return query(ids);
    }

    public long queries() {
        return queries;
    }

    /** Ids asked for, over all queries. */
    public long rows() {
        return rows;
    }

    private List<Item> query(Collection<Long> ids) {
        queries++;
        rows += ids.size();
        long until = System.nanoTime() + ROUND_TRIP_NANOS + ROW_NANOS * ids.size();
        List<Item> found = new ArrayList<>(ids.size());
        for (long id : ids) {
            found.add(new Item(id, "item-" + id));
        }
        while (simulate && System.nanoTime() < until) {
            Thread.onSpinWait(); // the database's time; the thread would block on a socket
        }
        return found;
    }
}
