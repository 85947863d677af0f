package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a fixture application in a separate JVM — the same JDK as the tests — optionally with
 * the real agent jar, and collects everything it prints. The fixture classes are on the child's
 * class path; they have never heard of cacheweaver.
 */
public final class ForkedJvm {
    private static final long TIMEOUT_SECONDS = 90;

    private ForkedJvm() {
    }

    public static Path agentJar() {
        Path jar = Paths.get(System.getProperty("cacheweaver.agent.jar", "../agent/target/cacheweaver-agent.jar"));
        if (!Files.isRegularFile(jar)) {
            fail("agent jar not built: " + jar.toAbsolutePath() + " (run mvn verify from the repository root)");
        }
        return jar.toAbsolutePath();
    }

    /** Runs {@code main} with {@code -javaagent:<jar>=<agentArgs>}; {@code agentArgs == null} runs without the agent. */
    public static Result run(String agentArgs, List<String> jvmArgs, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1"); // these JVMs live for a second: skip C2 warm-up
        command.addAll(jvmArgs);
        if (agentArgs != null) {
            command.add("-javaagent:" + agentJar() + (agentArgs.isEmpty() ? "" : "=" + agentArgs));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return exec(command);
    }

    public static Result withAgent(Path rules, Class<?> main, String... args) {
        return run("rules=" + rules, List.of(), main, args);
    }

    public static Result exec(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("child JVM did not finish in " + TIMEOUT_SECONDS + " s: " + command + "\n" + output.getNow(""));
            }
            return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError("could not run " + command, e);
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<output lost: " + e + ">";
        }
    }

    /** What a child JVM did: exit code and combined stdout/stderr. */
    public record Result(int exitCode, String output) {

        /** The value of the last {@code key=value} line the fixture printed; fails the test when absent. */
        public String value(String key) {
            String found = null;
            for (String line : output.split("\\R")) {
                if (line.startsWith(key + "=")) {
                    found = line.substring(key.length() + 1);
                }
            }
            if (found == null) {
                fail("the child printed no " + key + "= line; output:\n" + output);
            }
            return found;
        }

        public int intValue(String key) {
            return Integer.parseInt(value(key).trim());
        }

        public long longValue(String key) {
            return Long.parseLong(value(key).trim());
        }

        public Result assertSuccess() {
            if (exitCode != 0) {
                fail("child JVM exited with " + exitCode + "; output:\n" + output);
            }
            return this;
        }

        public List<String> agentLines() {
            List<String> lines = new ArrayList<>();
            for (String line : output.split("\\R")) {
                if (line.startsWith("[cacheweaver]")) {
                    lines.add(line);
                }
            }
            return lines;
        }
    }
}
