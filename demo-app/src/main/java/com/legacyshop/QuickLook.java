package com.legacyshop;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one-minute demo: in this process, ask {@link ProductDao#findById} for the same product
 * twice, change its price through {@link ProductDao#save}, and read it a third time, printing
 * how long each call took and whether it reached the database. The database is made
 * deliberately slow (100 ms per round trip) so the difference cannot be missed.
 *
 * <p>Run plain, every call pays the round trip. Run with a caching agent attached, the second
 * and third reads come back in microseconds, and the third still shows the new price.
 */
public final class QuickLook {
    private QuickLook() {
    }

    public static void main(String[] argv) {
        Args args;
        try {
            args = Args.parse(argv, List.of("id", "jdbc", "db-latency-ms"), List.of());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: QuickLook [--id 42] [--db-latency-ms 100] [--jdbc URL]");
            System.exit(2);
            return;
        }
        long id = args.getInt("id", 42, 1, Schema.DEFAULT_PRODUCTS);
        try (Database database = new Database(args.get("jdbc", Database.DEFAULT_URL), args.getInt("db-latency-ms", 100, 0, 60_000))) {
            // The same catalog the server seeds, so a shared database (PostgreSQL) looks the same to both.
            Schema.prepare(database, Schema.DEFAULT_PRODUCTS);
            ProductDao dao = new ProductDao(database);

            System.out.println("QuickLook: ProductDao.findById(" + id + ") against " + database.describe() + ", "
                    + database.latencyMillis() + " ms per database round trip; Java agents: " + agents());
            // Load and JIT-compile the code paths once on another product, so the timings below
            // show the cost of a database round trip (or of none), not of the JVM's first steps.
            long warmupId = id == 1 ? 2 : 1;
            dao.findById(warmupId);
            dao.findById(warmupId);
            long queriesBefore = QueryCounter.get();
            Product first = timed("first call:  findById(" + id + ")", () -> dao.findById(id));
            timed("second call: findById(" + id + ")", () -> dao.findById(id));

            Product changed = new Product(first);
            changed.setPrice(first.getPrice().add(BigDecimal.ONE));
            timed("update:      save(price " + first.getPrice() + " -> " + changed.getPrice() + ")", () -> dao.save(changed));
            Product third = timed("third call:  findById(" + id + ")", () -> dao.findById(id));

            boolean fresh = third != null && changed.getPrice().compareTo(third.getPrice()) == 0;
            System.out.println("  price read back: " + (third == null ? "none" : third.getPrice())
                    + (fresh ? " (the new price: not stale)" : " (STALE: expected " + changed.getPrice() + ")"));
            System.out.println("  database round trips: " + (QueryCounter.get() - queriesBefore) + " for these 4 calls"
                    + " (not counted: 2 untimed warm-up reads of product " + warmupId + ")");
        }
    }

    private interface Call<T> {
        T run();
    }

    private static <T> T timed(String label, Call<T> call) {
        long queriesBefore = QueryCounter.get();
        long start = System.nanoTime();
        T result = call.run();
        double millis = (System.nanoTime() - start) / 1e6;
        long queries = QueryCounter.get() - queriesBefore;
        String where = queries == 0 ? "no database round trip" : queries == 1 ? "1 database round trip" : queries + " database round trips";
        System.out.println(String.format(Locale.ROOT, "  %-48s %10s  (%s)", label, formatMillis(millis), where));
        return result;
    }

    static String formatMillis(double millis) {
        return String.format(Locale.ROOT, millis >= 10 ? "%.0f ms" : millis >= 0.1 ? "%.2f ms" : "%.3f ms", millis);
    }

    /** The -javaagent options of this JVM, so the output says which run is which. */
    private static String agents() {
        List<String> agents = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-javaagent:"))
                .map(a -> a.substring("-javaagent:".length()))
                .collect(Collectors.toList());
        return agents.isEmpty() ? "none" : String.join(", ", agents);
    }
}
