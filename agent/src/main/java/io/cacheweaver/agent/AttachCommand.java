package io.cacheweaver.agent;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * {@code attach <pid> [--rules FILE]}: loads this agent jar into a running JVM, which then weaves
 * its already-loaded classes by retransformation. A JVM that already runs the agent reloads its
 * rules instead (see {@link AgentMain#reattach}). The target reports what it did through a file
 * ({@link AttachReport}), so the exit code is the target's outcome, not merely "the jar was loaded".
 */
final class AttachCommand {
    static final String USAGE = "attach PID [--rules RULES_FILE]";
    /** The target writes the report before the attach call returns; this only covers a slow file system. */
    private static final long REPORT_WAIT_MILLIS = 5_000;

    private final PrintStream out;
    private final PrintStream err;

    AttachCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** {@code args}: what follows the word {@code attach}. */
    int run(String[] args) {
        if (args.length == 0 || !args[0].matches("\\d+")) {
            err.println("usage: java -jar cacheweaver-agent.jar " + USAGE);
            return 2;
        }
        String pid = args[0];
        String agentArgs = "";
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--rules") && i + 1 < args.length) {
                Path rules = Path.of(args[++i]).toAbsolutePath(); // the target runs in another working directory
                if (!Files.isRegularFile(rules)) {
                    err.println("no such rules file: " + rules);
                    return 1;
                }
                if (rules.toString().contains(",")) {
                    err.println("the rules file path must not contain ',' (it separates agent arguments): " + rules);
                    return 1;
                }
                agentArgs = "rules=" + rules;
            } else {
                err.println("unknown argument: " + args[i]);
                err.println("usage: java -jar cacheweaver-agent.jar " + USAGE);
                return 2;
            }
        }
        Optional<String> unreachable = unreachable(Long.parseLong(pid));
        if (unreachable.isPresent()) {
            err.println(unreachable.get());
            return 1;
        }
        Path report;
        try {
            report = Files.createTempFile("cacheweaver-attach-", ".txt");
            Files.delete(report); // the target moves its report here; absent until then
        } catch (IOException e) {
            err.println("cannot create a temporary file for the target's report: " + e.getMessage());
            return 1;
        }
        try {
            ByteBuddyAgent.attach(ownJar(), pid, (agentArgs.isEmpty() ? "" : agentArgs + ",") + "report=" + report);
        } catch (Throwable t) {
            err.println("could not attach to " + pid + ": " + rootCause(t));
            err.println("check: the same OS user as the target; the target not started with -XX:+DisableAttachMechanism"
                    + " (or, on JDK 21+, -XX:-EnableDynamicAgentLoading); on Linux, /proc/sys/kernel/yama/ptrace_scope"
                    + " and container boundaries (run this inside the target's container); a JDK (with the jdk.attach"
                    + " module) running this command");
            return 1;
        }
        return printReport(pid, report);
    }

    /** Why attaching to {@code pid} cannot work, when that is visible without trying. */
    private static Optional<String> unreachable(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return Optional.of("no Java process with pid " + pid + " (jps lists the Java processes you can attach to)");
        }
        Optional<String> owner = process.get().info().user();
        String self = System.getProperty("user.name");
        // root may attach to anyone's JVM (JDK 11+, JDK-8197387); everyone else only to their own
        if (owner.isPresent() && !self.equals("root") && !owner.get().equals(self) && !owner.get().endsWith("\\" + self)) {
            return Optional.of("pid " + pid + " runs as user " + owner.get() + ", this command as " + self
                    + ": attach works only as the same user (e.g. sudo -u " + owner.get() + " java -jar ...)");
        }
        return Optional.empty();
    }

    private int printReport(String pid, Path report) {
        List<String> lines = readReport(report);
        if (lines.isEmpty()) {
            out.println("attached to " + pid + "; the target reported no outcome (an older agent may run there):"
                    + " its stderr shows what the agent did");
            return 0;
        }
        boolean ok = lines.get(0).equals(AttachReport.OK);
        PrintStream to = ok ? out : err;
        to.println("attached to " + pid + (ok ? "" : ", but the target reports problems:"));
        for (String line : lines.subList(1, lines.size())) {
            to.println("  " + line);
        }
        return ok ? 0 : 1;
    }

    static List<String> readReport(Path report) {
        long deadline = System.nanoTime() + REPORT_WAIT_MILLIS * 1_000_000;
        try {
            while (!Files.exists(report) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return Files.exists(report) ? Files.readAllLines(report, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            try {
                Files.deleteIfExists(report);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
    }

    /** Byte Buddy wraps the JDK's reason (AttachNotSupportedException, …) in its own exception. */
    private static String rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    }

    private static File ownJar() throws Exception {
        return new File(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
