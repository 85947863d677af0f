package io.cacheweaver.it.spring;

import static org.junit.jupiter.api.Assertions.fail;

import io.cacheweaver.it.ForkedJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spring Boot fixture in its own JVM, started as {@code java -javaagent:… -jar spring-app.jar}
 * (Spring Boot's own launcher and class loaders), on a free port; driven over HTTP.
 */
final class SpringApp implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process process;
    private final int port;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch started = new CountDownLatch(1);

    private SpringApp(Path rules, String database) throws IOException {
        this.port = freePort();
        List<String> command = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-javaagent:" + ForkedJvm.agentJar() + "=rules=" + rules,
                "-jar", jar().toString(),
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:file:" + database + ";AUTO_SERVER=TRUE",
                "--spring.jmx.enabled=false");
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    output.add(line);
                    if (line.contains("Started PetclinicApplication")) {
                        started.countDown();
                    }
                }
            } catch (IOException e) {
                output.add("<output lost: " + e + ">");
            }
            started.countDown(); // exited: the waiter checks
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts an instance; {@link #awaitStarted} before use (so several can start at once). */
    static SpringApp start(Path rules, Path database) throws IOException {
        return new SpringApp(rules, database.toString());
    }

    SpringApp awaitStarted() throws InterruptedException {
        if (!started.await(180, TimeUnit.SECONDS) || !process.isAlive()) {
            fail("the Spring Boot application did not start; output:\n" + output());
        }
        return this;
    }

    static Path jar() {
        String jar = System.getProperty("cacheweaver.spring.app.jar", "spring-app/target/spring-app.jar");
        return Paths.get(jar).toAbsolutePath();
    }

    String get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    String post(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** How often a method body ran, or the statements Hibernate prepared ({@code sql}). */
    long calls(String name) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(get("/calls"));
        if (!m.find()) {
            fail("no " + name + " in /calls; output:\n" + output());
        }
        return Long.parseLong(m.group(1));
    }

    private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            fail(request.build().uri() + " answered " + response.statusCode() + ": " + response.body() + "\noutput:\n" + output());
        }
        return response.body();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
