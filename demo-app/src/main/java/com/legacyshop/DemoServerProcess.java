package com.legacyshop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shop server as a child JVM, started the way a user would start it, optionally with
 * {@code -javaagent}. Its output is echoed (prefixed) until it reports its port, so agent
 * messages at startup are visible; later output is kept for {@link #laterOutput()}. The child
 * runs with {@code --exit-on-stdin-eof}, so it also goes away if this process dies.
 */
final class DemoServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");
    private static final int KEPT_LINES = 40;

    private final Process process;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final Deque<String> later = new ArrayDeque<>();

    private DemoServerProcess(Process process, String prefix) {
        this.process = process;
        Thread reader = new Thread(() -> pump(prefix), "server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java <jvmArgs> -cp <this classpath> com.legacyshop.Main <appArgs>} and waits for its port. */
    static DemoServerProcess start(String label, List<String> jvmArgs, List<String> appArgs, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(appArgs);
        System.out.println("  $ " + String.join(" ", command));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        DemoServerProcess server = new DemoServerProcess(process, "  | ");
        try {
            server.port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            server.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IOException(label + " server did not start: " + (cause instanceof TimeoutException
                    ? "no \"listening on port\" line within " + timeout.toSeconds() + " s" : cause.getMessage()));
        }
        return server;
    }

    int port() {
        return port.getNow(-1);
    }

    /** The last lines the server printed after it started (agent warnings, errors). */
    List<String> laterOutput() {
        synchronized (later) {
            return new ArrayList<>(later);
        }
    }

    private void pump(String prefix) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (port.isDone()) {
                    synchronized (later) {
                        later.addLast(line);
                        if (later.size() > KEPT_LINES) {
                            later.removeFirst();
                        }
                    }
                    continue;
                }
                System.out.println(prefix + line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process is gone; handled below
        }
        String status = "";
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                status = " with status " + process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        port.completeExceptionally(new IOException("the process exited" + status));
    }

    long pid() {
        return process.pid();
    }

    /** Asks politely (closes stdin), then insists. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
