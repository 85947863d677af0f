package io.cacheweaver.agent;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * {@code attach <pid> [--rules FILE]}: loads this agent jar into a running JVM, which then weaves
 * its already-loaded classes by retransformation. A JVM that already runs the agent reloads its
 * rules instead (see {@link AgentMain#reattach}).
 */
final class AttachCommand {
    static final String USAGE = "attach PID [--rules RULES_FILE]";

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
        try {
            ByteBuddyAgent.attach(ownJar(), pid, agentArgs);
            out.println("attached to " + pid + (agentArgs.isEmpty() ? "" : " with " + agentArgs)
                    + "; the target's stderr shows what the agent did");
            return 0;
        } catch (Throwable t) {
            err.println("could not attach to " + pid + ": " + t);
            err.println("check: same OS user as the target, target not started with -XX:+DisableAttachMechanism,"
                    + " a JDK (with the jdk.attach module) running this command");
            return 1;
        }
    }

    private static File ownJar() throws Exception {
        return new File(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
