package io.cacheweaver.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Child JVMs for the process-level benchmarks (P4–P7), on the same JDK as the suite. */
final class Procs {
    private Procs() {
    }

    record Result(int exit, String output, double wallMillis) {
        List<String> lines() {
            return List.of(output.split("\\R"));
        }

        String lineStartingWith(String prefix) {
            String found = null;
            for (String line : lines()) {
                if (line.startsWith(prefix)) {
                    found = line;
                }
            }
            return found;
        }
    }

    static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    static List<String> javaCommand(List<String> jvmArgs, List<String> rest) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmArgs);
        command.addAll(rest);
        return command;
    }

    /** Runs and captures combined output. */
    static Result capture(List<String> command, Path workDir, long timeoutSeconds) {
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + command + "\n" + output.getNow(""));
            }
            double wall = (System.nanoTime() - start) / 1e6;
            return new Result(process.exitValue(), output.get(30, TimeUnit.SECONDS), wall);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not run " + command, e);
        }
    }

    /**
     * For servers, which never exit: wall time from {@code start()} to the first output line that
     * contains {@code marker}, and the output up to it; the process is then stopped. Throws when
     * it exits or 180 s pass first.
     */
    static Result untilLine(List<String> command, Path workDir, String marker) {
        Process process = null;
        try {
            long start = System.nanoTime();
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            Process started = process;
            CompletableFuture<Double> ready = new CompletableFuture<>();
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (java.io.BufferedReader in = new java.io.BufferedReader(
                        new java.io.InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                        if (line.contains(marker)) {
                            ready.complete((System.nanoTime() - start) / 1e6);
                        }
                    }
                } catch (IOException e) {
                    // the process was stopped
                }
                ready.completeExceptionally(new IllegalStateException("exited without printing '" + marker + "'"));
            }, "bench-output");
            reader.setDaemon(true);
            reader.start();
            double wall = ready.get(180, TimeUnit.SECONDS);
            synchronized (output) {
                return new Result(0, output.toString(), wall);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not run " + command + ": " + e.getMessage(), e);
        } finally {
            if (process != null) {
                process.destroy();
                try {
                    if (!process.waitFor(20, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Wall time from {@code start()} to exit, output discarded (no pipe reader competing for the
     * 2 CPUs while the child starts). Returns milliseconds; throws when the exit code is not 0.
     */
    static double timeMillis(List<String> command, Path workDir) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            double wall = (System.nanoTime() - start) / 1e6;
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit " + process.exitValue() + ": " + command);
            }
            return wall;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
}
