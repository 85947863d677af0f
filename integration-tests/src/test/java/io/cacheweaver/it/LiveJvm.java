package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.fail;

import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A fixture application that keeps running while a test talks to it: commands go in on stdin,
 * answers come back as lines on stdout (handshakes, not sleeps), and its MBeans are read over a
 * real JMX connection, the local connector the Attach API starts in the child.
 */
final class LiveJvm implements AutoCloseable {
    private static final long LINE_TIMEOUT_SECONDS = 30;

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer output = new StringBuffer();
    private JMXConnector connector;
    private String readyLine;

    private LiveJvm(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    output.append(line).append('\n');
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the child is gone; what it printed is in output
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main}, with {@code -javaagent} when {@code agentArgs} is not null, and waits for {@code ready}. */
    static LiveJvm start(String agentArgs, Class<?> main, String... args) {
        return start(agentArgs, List.of(), main, args);
    }

    static LiveJvm start(String agentArgs, List<String> jvmArgs, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+EnableDynamicAgentLoading"); // JDK 21+: the target consents to `attach`
        command.addAll(jvmArgs);
        if (agentArgs != null) {
            command.add("-javaagent:" + ForkedJvm.agentJar() + "=" + agentArgs);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        try {
            LiveJvm jvm = new LiveJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
            jvm.readyLine = jvm.awaitLine("ready");
            return jvm;
        } catch (IOException e) {
            throw new AssertionError("could not start " + command, e);
        }
    }

    /** The child's {@code ready ...} line, e.g. {@code ready port=8080}. */
    String readyLine() {
        return readyLine;
    }

    long pid() {
        return process.pid();
    }

    /** Sends one command and returns its {@code ok ...} answer. */
    String send(String command) {
        try {
            stdin.write(command + "\n");
            stdin.flush();
        } catch (IOException e) {
            fail("the child no longer reads commands: " + e + "\n" + output);
        }
        return awaitLine("ok ");
    }

    /** Sends {@code <method> <id>} and returns how many times that method's body has run. */
    int calls(String method, long id) {
        String answer = send(method + " " + id);
        return Integer.parseInt(answer.substring(answer.lastIndexOf("calls=") + "calls=".length()));
    }

    String awaitLine(String prefix) {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LINE_TIMEOUT_SECONDS);
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    fail("no line starting with \"" + prefix + "\" within " + LINE_TIMEOUT_SECONDS + " s; output:\n" + output);
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    String output() {
        return output.toString();
    }

    MBeanServerConnection jmx() {
        try {
            if (connector == null) {
                VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid()));
                try {
                    connector = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
                } finally {
                    vm.detach();
                }
            }
            return connector.getMBeanServerConnection();
        } catch (Exception e) {
            throw new AssertionError("cannot reach the child over JMX: " + e + "\n" + output, e);
        }
    }

    /** Waits for a state the agent reaches asynchronously (MBean registration, a file reload). */
    void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LINE_TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what + "; output:\n" + output);
            }
            try {
                Thread.sleep(20); // polling a condition with a deadline, not a guess at a duration
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Sends {@code quit} and waits for the JVM to end by itself: true when no thread kept it alive. */
    boolean quitAndAwaitExit(long seconds) throws IOException {
        stdin.write("quit\n");
        stdin.flush();
        return waitFor(process, seconds);
    }

    @Override
    public void close() throws IOException {
        if (connector != null) {
            connector.close();
        }
        try {
            stdin.write("quit\n");
            stdin.flush();
        } catch (IOException ignored) {
            // already gone
        }
        if (!waitFor(process, 10)) {
            process.destroyForcibly();
        }
    }

    /** Waits for the child to end; an interrupted wait counts as not ended (and keeps the interrupt). */
    private static boolean waitFor(Process process, long seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
