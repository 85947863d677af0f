package com.legacyshop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the same load against the shop twice, once as is and once with the caching agent
 * attached, and prints both side by side. Nothing else differs between the runs: same jar, same
 * database settings, same workload, same duration.
 *
 * <pre>
 * java -cp demo-app/target/demo-app.jar com.legacyshop.LoadCompare \
 *      --agent agent/target/cacheweaver-agent.jar --rules demo-app/cache-rules.yaml [--seconds 10] [--threads 8]
 * </pre>
 */
public final class LoadCompare {
    static final String USAGE = String.join("\n",
            "usage: java -cp demo-app/target/demo-app.jar com.legacyshop.LoadCompare [options]",
            "  --agent PATH          the agent jar (default agent/target/cacheweaver-agent.jar)",
            "  --rules PATH          the rules file (default demo-app/cache-rules.yaml)",
            "  --seconds N           measured seconds per run (default 10)",
            "  --warmup N            unmeasured seconds before each run (default 3)",
            "  --threads N           concurrent clients (default 8)",
            "  --db-latency-ms N     the servers' simulated database latency (default 3)",
            "  --jdbc URL            database for both servers (default: each its own in-memory H2)",
            "  --products N          catalog size (default 20000)",
            "  --hot-set N           how many products get looked at (default 2000)",
            "  --skew S              Zipf exponent of their popularity (default 1.0)");
    private static final Pattern DB_QUERIES = Pattern.compile("\"dbQueries\"\\s*:\\s*(\\d+)");

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // the JDK server speaks HTTP/1.1 only; skip the h2c upgrade attempt
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<String> serverArgs;
    private final SkewedIds ids;
    private final int threads;
    private final Duration warmup;
    private final Duration measured;

    private LoadCompare(List<String> serverArgs, SkewedIds ids, int threads, Duration warmup, Duration measured) {
        this.serverArgs = serverArgs;
        this.ids = ids;
        this.threads = threads;
        this.warmup = warmup;
        this.measured = measured;
    }

    public static void main(String[] argv) throws InterruptedException {
        Args args;
        double skew;
        try {
            args = Args.parse(argv,
                    List.of("agent", "rules", "seconds", "warmup", "threads", "db-latency-ms", "jdbc", "products", "hot-set", "skew"),
                    List.of("help"));
            skew = Double.parseDouble(args.get("skew", "1.0"));
            if (!(skew >= 0 && skew <= 5)) {
                throw new IllegalArgumentException("--skew must be between 0 and 5");
            }
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
        Path agent = Path.of(args.get("agent", "agent/target/cacheweaver-agent.jar")).toAbsolutePath().normalize();
        Path rules = Path.of(args.get("rules", "demo-app/cache-rules.yaml")).toAbsolutePath().normalize();
        int products = args.getInt("products", Schema.DEFAULT_PRODUCTS, 1, 1_000_000);
        int latency = args.getInt("db-latency-ms", 3, 0, 10_000);
        int seconds = args.getInt("seconds", 10, 1, 3600);
        int warmupSeconds = args.getInt("warmup", 3, 0, 3600);
        int threads = args.getInt("threads", 8, 1, 1000);
        int hotSet = args.getInt("hot-set", 2000, 1, 1_000_000);

        List<String> serverArgs = new ArrayList<>(List.of("--port", "0", "--exit-on-stdin-eof",
                "--db-latency-ms", String.valueOf(latency), "--products", String.valueOf(products)));
        String jdbc = args.get("jdbc", null);
        if (jdbc != null) {
            serverArgs.add("--jdbc");
            serverArgs.add(jdbc);
        }

        System.out.println("cacheweaver load comparison: the same shop server, without and with the agent");
        System.out.println("  workload: " + threads + " client threads, " + Workload.DESCRIPTION);
        System.out.println(String.format(Locale.ROOT, "  product ids: Zipf (s = %.2f) over %,d popular products of %,d",
                skew, Math.min(hotSet, products), products));
        System.out.println("  each run: " + warmupSeconds + " s warm-up (not counted), then " + seconds + " s measured; "
                + products + " products, " + latency + " ms per database round trip, database: "
                + (jdbc == null ? "in-memory H2 per server" : new Database(jdbc, latency).describe()));
        System.out.println();

        String cachedMissing = null;
        if (!Files.isRegularFile(agent)) {
            cachedMissing = "agent jar not found at " + agent;
            System.out.println("NOTE: " + cachedMissing + ".");
            System.out.println("      Build it with:  mvn -q -B -DskipTests package -pl agent -am");
            System.out.println("      Running the baseline only.");
            System.out.println();
        } else if (!Files.isRegularFile(rules)) {
            System.err.println("rules file not found: " + rules);
            System.exit(2);
            return;
        }

        LoadCompare compare = new LoadCompare(serverArgs, new SkewedIds(products, hotSet, skew, 7), threads,
                Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(seconds));
        int runs = cachedMissing == null ? 2 : 1;
        ComparisonTable.Column plain = compare.measure("[1/" + runs + "] no agent", List.of(), null);
        ComparisonTable.Column cached = null;
        if (cachedMissing == null) {
            cached = compare.measure("[2/2] with cacheweaver", List.of("-javaagent:" + agent + "=rules=" + rules), agent);
            if (cached == null) {
                cachedMissing = "the server did not start with the agent (see its output above)";
            }
        }

        System.out.println();
        ComparisonTable.print(plain, cached, cachedMissing);
        System.out.println();
        explain(plain, cached);
    }

    /** @return null when the server could not be started or measured (the reason is printed); {@code agentForStats}: print the agent's stats */
    private ComparisonTable.Column measure(String label, List<String> jvmArgs, Path agentForStats) throws InterruptedException {
        System.out.println(label);
        try (DemoServerProcess server = DemoServerProcess.start(label, jvmArgs, serverArgs, Duration.ofSeconds(120))) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            Workload workload = new Workload(client, base, ids, SampleCatalog.CATEGORIES);
            if (!warmup.isZero()) {
                System.out.println("  warming up for " + warmup.toSeconds() + " s ...");
                workload.run(threads, warmup);
            }
            long queriesBefore = dbQueries(base);
            System.out.println("  measuring for " + measured.toSeconds() + " s ...");
            Workload.Result result = workload.run(threads, measured);
            long queries = dbQueries(base) - queriesBefore;
            System.out.println(String.format(Locale.ROOT, "  %,d requests, %,d errors, %,d database queries",
                    result.requests(), result.errors(), queries));
            if (result.firstError() != null) {
                System.out.println("  first error: " + result.firstError());
            }
            List<String> output = server.laterOutput();
            if (!output.isEmpty()) {
                System.out.println("  the server printed meanwhile (last " + output.size() + " lines):");
                output.forEach(line -> System.out.println("  | " + line));
            }
            if (agentForStats != null) {
                AgentStats.print(agentForStats, server.pid()); // the agent's own view, while the server still runs
            }
            return new ComparisonTable.Column(result, queries);
        } catch (IOException e) {
            System.out.println("  FAILED: " + e.getMessage());
            return null;
        }
    }

    private long dbQueries(URI base) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(base.resolve("/stats")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = DB_QUERIES.matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IOException("GET /stats answered " + response.statusCode() + ": " + response.body());
        }
        return Long.parseLong(m.group(1));
    }

    /** A few plain sentences under the table, including when the result is not what was hoped for. */
    private static void explain(ComparisonTable.Column plain, ComparisonTable.Column cached) {
        if (plain == null || cached == null) {
            System.out.println("Only one column: nothing to compare yet.");
            return;
        }
        double before = plain.queriesPerRequest();
        double after = cached.queriesPerRequest();
        if (!(after < before * 0.8)) {
            System.out.println("The agent did not take load off the database (" + String.format(Locale.ROOT, "%.2f", after)
                    + " queries per request vs " + String.format(Locale.ROOT, "%.2f", before) + ").");
            System.out.println("Check the server output above for agent messages: a rules file it rejected, or rules that match nothing.");
            return;
        }
        System.out.println(String.format(Locale.ROOT,
                "With the agent the database ran %.1fx fewer queries per request, and the server answered %.1fx "
                        + "the requests per second.",
                before / after, cached.load().requestsPerSecond() / plain.load().requestsPerSecond()));
        System.out.println("Same jar, same code; the only difference is -javaagent with the rules file.");
    }
}
