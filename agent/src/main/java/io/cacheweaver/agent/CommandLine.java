package io.cacheweaver.agent;

import io.cacheweaver.rules.RuleProblem;
import io.cacheweaver.rules.RulesException;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.rules.RulesLoader;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code java -jar cacheweaver-agent.jar <command> ...}. */
final class CommandLine {
    private static final String USAGE = String.join("\n",
            "usage: java -jar cacheweaver-agent.jar validate RULES_FILE [--classpath CP]",
            "       java -jar cacheweaver-agent.jar " + AttachCommand.USAGE,
            "       java -jar cacheweaver-agent.jar " + StatsCommand.USAGE,
            "       java -jar cacheweaver-agent.jar " + InvalidateCommand.USAGE,
            "  validate   check a rules file; exit 0 when valid, 1 with every problem listed",
            "  attach     load the agent into a running JVM (or reload its rules if it runs the agent already);",
            "             exit 0 when the target applied the rules, 1 with the target's problems when it did not;",
            "             on JDK 21+ start the target with -XX:+EnableDynamicAgentLoading to avoid the warning",
            "  stats      one line per cache and per rule of a running JVM (gets, hit %, loads, p99 load time, Redis errors);",
            "             --json for scripts, --watch 2s to repeat",
            "  invalidate evict keys, whole caches or tags in Redis and on every running instance;",
            "             exit 0 when applied, 1 with a message when not (Redis unreachable, unknown cache)",
            "  as an agent: java -javaagent:cacheweaver-agent.jar=rules=/path/to/cache-rules.yaml -jar app.jar");

    private final PrintStream out;
    private final PrintStream err;

    CommandLine(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("attach")) {
            return new AttachCommand(out, err).run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        if (args[0].equals("stats")) {
            return new StatsCommand(out, err).run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        if (args[0].equals("invalidate")) {
            return new InvalidateCommand(out, err).run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        if (args[0].equals("validate") && args.length >= 2) {
            return new ValidateCommand(out, err).run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        err.println("unknown command: " + String.join(" ", args));
        err.println(USAGE);
        return 2;
    }
}
