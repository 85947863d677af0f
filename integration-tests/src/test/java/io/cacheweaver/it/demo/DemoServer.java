package io.cacheweaver.it.demo;

import io.cacheweaver.it.ForkedJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The demo application (demo-app/target/demo-app.jar) running in its own JVM, driven over HTTP. */
final class DemoServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");
    private static final Pattern DB_QUERIES = Pattern.compile("\"dbQueries\":(\\d+)");

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DemoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Path demoJar() {
        Path jar = Paths.get("..", "demo-app", "target", "demo-app.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("demo jar not built: " + jar + " (run mvn verify from the repository root)");
        }
        return jar;
    }

    static Path rules(String name) {
        return Paths.get("..", "demo-app", name).toAbsolutePath().normalize();
    }

    /** Starts the demo; {@code agentArgs == null} runs it without the agent. */
    static DemoServer start(String agentArgs, List<String> jvmArgs, String... appArgs) throws Exception {
        return start(agentArgs, jvmArgs, java.util.Map.of(), appArgs);
    }

    /** As {@link #start(String, List, String...)}, with extra environment variables (e.g. REDIS_URL). */
    static DemoServer start(String agentArgs, List<String> jvmArgs, java.util.Map<String, String> env, String... appArgs)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.addAll(jvmArgs);
        if (agentArgs != null) {
            command.add("-javaagent:" + ForkedJvm.agentJar() + "=" + agentArgs);
        }
        command.addAll(List.of("-jar", demoJar().toString(), "--port", "0", "--db-latency-ms", "0", "--products", "2000",
                "--threads", "4"));
        command.addAll(List.of(appArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            port.completeExceptionally(new AssertionError("demo ended before listening:\n" + output));
        }, "demo-output");
        reader.setDaemon(true);
        reader.start();
        try {
            DemoServer server = new DemoServer(process, port.get(60, TimeUnit.SECONDS));
            server.output.append(output);
            return server;
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("demo did not start:\n" + output, e);
        }
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String get(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null);
        return response.statusCode() + " " + response.body();
    }

    /** {@code method path} without a body: the status and the body, as {@link #get}. */
    String get(String method, String path) throws Exception {
        HttpResponse<String> response = send(method, path, null);
        return response.statusCode() + " " + response.body();
    }

    long dbQueries() throws Exception {
        Matcher m = DB_QUERIES.matcher(send("GET", "/stats", null).body());
        if (!m.find()) {
            throw new AssertionError("no dbQueries in /stats");
        }
        return Long.parseLong(m.group(1));
    }

    String output() {
        return output.toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
