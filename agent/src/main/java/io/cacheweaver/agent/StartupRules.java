package io.cacheweaver.agent;

import io.cacheweaver.rules.RuleProblem;
import io.cacheweaver.rules.RulesException;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.rules.RulesLoader;
import io.cacheweaver.runtime.AgentLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules file the agent starts with. A file with problems is reported (every problem, one line
 * each) and the agent runs with no rules rather than not at all: the watcher applies the file
 * once it is fixed. In strict mode the problems stop the JVM instead.
 *
 * @param digest   the file's contents as {@link RulesReloader} compares them, taken before reading:
 *                 an edit made while the agent starts is then seen by the watcher, not lost
 * @param problems what was wrong with the file, as logged; empty when it was read
 * @param readAt   {@link System#nanoTime} once read, for the debug timings
 */
record StartupRules(RulesFile rules, String digest, List<String> problems, long readAt) {
    static StartupRules read(String rulesPath, AttachReport report, StrictMode strict) {
        String digest = RulesReloader.digestOf(Path.of(rulesPath));
        List<String> problems = new ArrayList<>();
        RulesFile rules;
        try {
            rules = RulesLoader.withSystemEnvironment().load(Path.of(rulesPath));
        } catch (RulesException e) {
            for (RuleProblem problem : e.problems()) {
                AgentLog.error(problem.toString());
                problems.add(problem.toString());
            }
            report.addAll(problems);
            strict.stopNow("the rules file " + rulesPath + " has " + e.problems().size() + " problem(s)");
            AgentLog.error("the rules file has " + e.problems().size() + " problem(s); the application runs uncached"
                    + " until the file is fixed (it is watched)");
            report.add("the agent runs with no rules and watches " + rulesPath + ": fix it and save, or attach again");
            rules = new RulesFile(rulesPath, 1, null, java.util.Map.of(), java.util.List.of());
        }
        return new StartupRules(rules, digest, List.copyOf(problems), System.nanoTime());
    }
}
