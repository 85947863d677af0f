package io.cacheweaver.agent;

import io.cacheweaver.rules.RuleProblem;
import io.cacheweaver.rules.RulesException;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.rules.RulesLoader;
import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.CacheRuntime;
import io.cacheweaver.runtime.jmx.AgentStatus;
import io.cacheweaver.runtime.jmx.JmxRegistry;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.StringJoiner;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * Applies a changed rules file to the running agent. New settings for the same targets (TTL, keys,
 * conditions, layers) are swapped into the runtime without touching bytecode; only when the set of
 * (rule, selector, advice kind) changes are the affected classes retransformed. A file with any
 * problem is rejected whole: the rules in force keep running. Called from the file watcher, JMX and
 * a second attach, so one reload runs at a time.
 */
final class RulesReloader {
    private final Instrumentation inst;
    private final CacheRuntime runtime;
    private final AgentStatus status;
    private ResettableClassFileTransformer transformer; // guarded by this
    private Path file;                                   // guarded by this
    private JmxRegistry jmx;                             // guarded by this; null when JMX is off
    private final StrictMode strict;

    RulesReloader(Instrumentation inst, CacheRuntime runtime, ResettableClassFileTransformer transformer, Path file,
                  AgentStatus status, StrictMode strict) {
        this.inst = inst;
        this.strict = strict;
        this.runtime = runtime;
        this.transformer = transformer;
        this.file = file;
        this.status = status;
    }

    synchronized void useJmx(JmxRegistry registry) {
        this.jmx = registry;
    }

    synchronized Path file() {
        return file;
    }

    /** Switches to another rules file (a second attach naming one) if it loads; a rejected one leaves the current file in force. */
    synchronized String reload(Path newFile, String why) {
        Path previous = file;
        this.file = newFile;
        String outcome = reload(why);
        if (!status.state().lastError().isEmpty()) {
            file = previous;
            status.failed(previous.toString(), status.state().lastError());
        }
        return outcome;
    }

    /** Returns the one-line outcome it also logs. Never throws. */
    synchronized String reload(String why) {
        try {
            RulesFile next = RulesLoader.withSystemEnvironment().load(file);
            return apply(next, why);
        } catch (RulesException e) {
            StringJoiner all = new StringJoiner("\n");
            for (RuleProblem problem : e.problems()) {
                AgentLog.error(problem.toString());
                all.add(problem.toString());
            }
            status.failed(file.toString(), all.toString());
            return failure("reload (" + why + ") rejected: " + file + " has " + e.problems().size()
                    + " problem(s); the previous rules stay in force");
        } catch (Throwable t) {
            status.failed(file.toString(), AgentLog.describe(t));
            return failure("reload (" + why + ") failed: " + AgentLog.describe(t) + "; the previous rules stay in force");
        }
    }

    private String apply(RulesFile next, String why) {
        RulesFile previous = runtime.rules();
        if (!Objects.equals(previous.redis(), next.redis())) {
            AgentLog.warn("reload: the redis settings changed; they take effect after a restart");
        }
        boolean retarget = !Weaver.signatures(previous.rules()).equals(Weaver.signatures(next.rules()));
        AgentLog.debug(() -> "reload (" + why + "): " + RulesDiff.between(previous.rules(), next.rules()));
        runtime.reload(next); // sites of removed rules pass through from here on
        if (retarget) {
            transformer = new Weaver(runtime, next.rules(), strict).patch(inst, transformer);
        }
        status.loaded(file.toString(), Instant.now());
        if (jmx != null) {
            jmx.sync();
        }
        String outcome = "rules reloaded (" + why + ") from " + file + ": " + next.rules().size() + " rules, "
                + next.caches().size() + " caches; " + (retarget ? "changed targets retransformed" : "no retransformation needed");
        AgentLog.info(outcome);
        return outcome;
    }

    private static String failure(String line) {
        AgentLog.error(line);
        return line;
    }
}
