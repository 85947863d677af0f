package com.legacyshop;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The database-outage demo: a category page is read while the database is up, then the database
 * goes down and the page's ttl passes. Plain, the next read fails with the database's error; with
 * the agent and a cache that has {@code staleIfError} (outage-rules.yaml), it is answered with the
 * last page read, and the agent's {@code StaleServed} counter says so. When the database is back,
 * the page is loaded again.
 */
public final class OutageLook {
    private OutageLook() {
    }

    public static void main(String[] argv) throws Exception {
        Args args;
        try {
            args = Args.parse(argv, List.of("category", "db-latency-ms", "ttl-ms"), List.of());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: OutageLook [--category " + SampleCatalog.CATEGORIES.get(0)
                    + "] [--db-latency-ms 100] [--ttl-ms 2000]");
            System.exit(2);
            return;
        }
        String category = args.get("category", SampleCatalog.CATEGORIES.get(0));
        long ttlMillis = args.getInt("ttl-ms", 2000, 0, 600_000);
        try (Database database = new Database(Database.DEFAULT_URL, args.getInt("db-latency-ms", 100, 0, 60_000))) {
            Schema.prepare(database, Schema.DEFAULT_PRODUCTS);
            ProductDao dao = new ProductDao(database);
            System.out.println("OutageLook: ProductDao.findByCategory(\"" + category + "\"), " + database.latencyMillis()
                    + " ms per database round trip");
            // Load and JIT-compile the code paths once on another category, as QuickLook does.
            String other = SampleCatalog.CATEGORIES.get(category.equals(SampleCatalog.CATEGORIES.get(0)) ? 1 : 0);
            dao.findByCategory(other);
            dao.findByCategory(other);
            timed("database up:   first read", () -> dao.findByCategory(category));
            timed("database up:   second read", () -> dao.findByCategory(category));
            database.setDown(true);
            System.out.println("  -- the database goes down; " + ttlMillis + " ms pass (the page's ttl in outage-rules.yaml) --");
            Thread.sleep(ttlMillis + 200); // the demo's clock: the cached page must be past its ttl
            timed("database down: read past the ttl", () -> dao.findByCategory(category));
            timed("database down: and again", () -> dao.findByCategory(category));
            database.setDown(false);
            timed("database back: read", () -> dao.findByCategory(category));
            String served = staleServed();
            if (served != null) {
                System.out.println("  agent: StaleServed=" + served + " (JMX io.cacheweaver:type=Rule,name=products-by-category)");
            }
        }
    }

    private static void timed(String label, Supplier<List<Product>> call) {
        long before = QueryCounter.get();
        long start = System.nanoTime();
        String outcome;
        try {
            List<Product> page = call.get();
            outcome = page.size() + " products";
        } catch (DataAccessException e) {
            outcome = "FAILED: " + e.getMessage();
        }
        double millis = (System.nanoTime() - start) / 1e6;
        long queries = QueryCounter.get() - before;
        String trips = queries == 0 ? "no database round trip" : queries + " database round trip" + (queries > 1 ? "s" : "");
        System.out.println(String.format(Locale.ROOT, "  %-34s %10s  %s (%s)", label, QuickLook.formatMillis(millis), outcome, trips));
    }

    /** The agent's count of values served past their ttl, or {@code null} when no agent runs here. */
    private static String staleServed() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName rule = new ObjectName("io.cacheweaver:type=Rule,name=products-by-category");
        return server.isRegistered(rule) ? String.valueOf(server.getAttribute(rule, "StaleServed")) : null;
    }
}
