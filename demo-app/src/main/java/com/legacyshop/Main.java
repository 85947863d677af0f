package com.legacyshop;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Starts the shop: database, schema, HTTP API. Prints {@code listening on port N} once requests
 * can be served (with {@code --port 0} that is the only way to learn the port), and shuts down
 * cleanly on SIGTERM / Ctrl-C, or when standard input closes if {@code --exit-on-stdin-eof} is
 * given (a parent process that dies then takes this server with it).
 */
public final class Main {
    static final String USAGE = String.join("\n",
            "usage: java -jar demo-app.jar [options]        run the shop's HTTP API",
            "       java -jar demo-app.jar --demo [options]  QuickLook: time two findById calls and exit",
            "options:",
            "  --port N              HTTP port, 0 = any free port (default 8080)",
            "  --bind ADDRESS        interface to listen on (default 127.0.0.1)",
            "  --jdbc URL            database (default in-memory H2), e.g.",
            "                        jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
            "  --db-latency-ms N     simulated network latency per database round trip (default 3)",
            "  --products N          catalog size when the table is empty (default 20000)",
            "  --threads N           HTTP worker threads = database connections (default 16)",
            "  --exit-on-stdin-eof   stop when standard input is closed");

    private Main() {
    }

    public static void main(String[] argv) throws IOException {
        if (Arrays.asList(argv).contains("--demo")) {
            QuickLook.main(Arrays.stream(argv).filter(a -> !a.equals("--demo")).toArray(String[]::new));
            return;
        }
        Args args;
        try {
            args = Args.parse(argv,
                    List.of("port", "bind", "jdbc", "db-latency-ms", "products", "threads"),
                    List.of("exit-on-stdin-eof", "help"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (args.has("help")) {
            System.out.println(USAGE);
            return;
        }
        int port = args.getInt("port", 8080, 0, 65535);
        int products = args.getInt("products", Schema.DEFAULT_PRODUCTS, 1, 1_000_000);
        int threads = args.getInt("threads", 16, 1, 1000);

        Database database = new Database(args.get("jdbc", Database.DEFAULT_URL), args.getInt("db-latency-ms", 3, 0, 60_000));
        int count;
        try {
            count = Schema.prepare(database, products);
        } catch (DataAccessException e) {
            System.err.println("legacyshop: " + e.getMessage());
            System.exit(1);
            return;
        }
        ProductDao dao = new ProductDao(database);
        HttpApi api = HttpApi.start(args.get("bind", "127.0.0.1"), port, threads, dao, products);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.stop();
            database.close();
            System.out.println("stopped");
        }, "shutdown"));
        if (args.has("exit-on-stdin-eof")) {
            exitWhenStdinCloses();
        }

        System.out.println("legacyshop: " + count + " products in " + database.describe() + ", "
                + database.latencyMillis() + " ms per database round trip");
        System.out.println("try: curl http://127.0.0.1:" + api.port() + "/products/42");
        System.out.println("listening on port " + api.port());
        System.out.flush();
    }

    private static void exitWhenStdinCloses() {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() != -1) {
                    // input is ignored; only its end matters
                }
            } catch (IOException e) {
                // treat like end of input
            }
            System.exit(0);
        }, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
