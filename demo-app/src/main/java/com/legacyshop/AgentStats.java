package com.legacyshop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prints what the agent itself saw in a running server: {@code java -jar cacheweaver-agent.jar
 * stats <pid>}, the command an operator would type (hit %, loads, p99 load time per cache and
 * rule). The demo only runs the command; it knows nothing of the agent's classes.
 */
final class AgentStats {
    private AgentStats() {
    }

    static void print(Path agent, long pid) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                agent.toString(), "stats", String.valueOf(pid));
        System.out.println("  what the agent saw (java -jar " + agent.getFileName() + " stats " + pid + "):");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes(); // ends when the command does
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            new String(output, StandardCharsets.UTF_8).lines().forEach(line -> System.out.println("  | " + line));
        } catch (IOException e) {
            System.out.println("  (could not run the stats command: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
