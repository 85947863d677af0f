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
            "  validate   check a rules file; exit 0 when valid, 1 with every problem listed");

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
        if (args[0].equals("validate") && args.length >= 2) {
            return validate(Path.of(args[1]));
        }
        err.println("unknown command: " + String.join(" ", args));
        err.println(USAGE);
        return 2;
    }

    private int validate(Path file) {
        try {
            RulesFile rules = RulesLoader.withSystemEnvironment().load(file);
            out.println(file + ": valid (" + rules.rules().size() + " rules, " + rules.caches().size() + " caches)");
            return 0;
        } catch (RulesException e) {
            for (RuleProblem problem : e.problems()) {
                err.println(problem);
            }
            err.println(file + ": " + e.problems().size() + " problem(s)");
            return 1;
        }
    }
}
