package io.cacheweaver.it.redis;

import static org.junit.jupiter.api.Assertions.fail;

import io.cacheweaver.it.ForkedJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixture application in its own JVM with the agent, driven over stdin: {@link #send} a
 * command, get back the {@code key=value} lines it printed before {@code done}. Lets a test
 * interleave several instances without sleeping.
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final PrintWriter in;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = Collections.synchronizedList(new ArrayList<>());

    ChildJvm(Path rules, List<String> jvmArgs, Class<?> main) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dcacheweaver.jmx.delay=100ms"); // tests read the MBeans soon after start (0 is not a valid delay)
        command.addAll(jvmArgs);
        command.add("-javaagent:" + ForkedJvm.agentJar() + "=rules=" + rules);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    all.add(line);
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<output lost: " + e + ">");
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for a line that starts with {@code prefix}, also one printed before this call. */
    String await(String prefix, long seconds) throws InterruptedException {
        return await(prefix, line -> line.startsWith(prefix), seconds);
    }

    /** Waits for a line that contains {@code fragment}, also one printed before this call. */
    String awaitContaining(String fragment, long seconds) throws InterruptedException {
        return await(fragment, line -> line.contains(fragment), seconds);
    }

    private String await(String prefix, java.util.function.Predicate<String> matches, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            synchronized (all) {
                for (String line : all) {
                    if (matches.test(line)) {
                        return line;
                    }
                }
            }
            String line = lines.poll(Math.min(200_000_000L, Math.max(1, deadline - System.nanoTime())), TimeUnit.NANOSECONDS);
            if (line == null && !process.isAlive() && lines.isEmpty()) {
                fail("the child JVM exited with " + process.exitValue() + " before printing '" + prefix + "'; output:\n" + output());
            }
            if (line == null && System.nanoTime() < deadline) {
                continue;
            }
            if (line == null) {
                fail("no line starting with '" + prefix + "' within " + seconds + " s; output:\n" + output());
            }
            if (matches.test(line)) {
                return line;
            }
        }
    }

    /** Sends one command; returns the value of {@code key=} lines it printed, last one wins (or null). */
    String send(String command, String key) throws InterruptedException {
        return sendAll(command).get(key);
    }

    /** Sends one command; returns every {@code key=value} line it printed. */
    java.util.Map<String, String> sendAll(String command) throws InterruptedException {
        in.println(command);
        java.util.Map<String, String> values = new java.util.HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                fail("'" + command + "' did not finish; output:\n" + output());
            }
            if (line.equals("done")) {
                return values;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
    }

    void send(String command) throws InterruptedException {
        send(command, null);
    }

    int calls() throws InterruptedException {
        return Integer.parseInt(send("calls", "calls.find"));
    }

    String output() {
        synchronized (all) {
            return String.join("\n", all);
        }
    }

    @Override
    public void close() {
        in.println("quit");
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
