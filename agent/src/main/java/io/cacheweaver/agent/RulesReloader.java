package io.cacheweaver.agent;

import io.cacheweaver.rules.RuleProblem;
import io.cacheweaver.rules.RulesException;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.rules.RulesLoader;
import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.CacheRuntime;
import io.cacheweaver.runtime.WeaveKey;
import io.cacheweaver.runtime.jmx.AgentStatus;
import io.cacheweaver.runtime.jmx.JmxRegistry;
import io.cacheweaver.runtime.metrics.MetricsSection;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.Supplier;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * Applies a changed rules file to the running agent. New settings for the same targets (TTL, keys,
 * conditions, layers) are swapped into the runtime without touching bytecode; only when the rules'
 * {@link WeaveKey}s change are the affected classes retransformed. A file with any problem is
 * rejected whole: the rules in force keep running. Called from the file watcher, JMX and a second
 * attach; the monitor of this object is the one reload lock, so reloads never interleave and a
 * caller returns only once what it read is in force, retransformation included.
 */
final class RulesReloader {
    private final Instrumentation inst;
    private final CacheRuntime runtime;
    private final AgentStatus status;
    /**
     * What {@link Weaver#install} returned: the transformer registered with the JVM, patched by every
     * reload that changes targets. Behind the lean weaver, Byte Buddy's is built on that first reload.
     */
    private final Supplier<ResettableClassFileTransformer> installed;
    private Path file;                                   // guarded by this
    private String lastRead;                             // guarded by this; digest of the file as last read
    private JmxRegistry jmx;                             // guarded by this; null when JMX is off
    private MetricsSection metrics;                      // guarded by this
    private final StrictMode strict;

    /** {@code startupDigest}: {@link #digestOf} the file, taken before the agent first read it. */
    RulesReloader(Instrumentation inst, CacheRuntime runtime, Supplier<ResettableClassFileTransformer> installed, Path file,
                  String startupDigest, AgentStatus status, StrictMode strict) {
        this.inst = inst;
        this.strict = strict;
        this.runtime = runtime;
        this.installed = installed;
        this.file = file;
        this.lastRead = startupDigest;
        this.status = status;
    }

    /**
     * The file's content (as a string to compare), or a marker when it cannot be read. Taken <em>before</em> each
     * read: a write landing between the digest and the read then shows as a change next time and
     * is applied again, never lost.
     */
    static String digestOf(Path file) {
        try {
            // the content itself (rules files are small): exact, and no JCA provider loads in premain (≈ 40 classes)
            return "content:" + new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return "missing";
        } catch (IOException | RuntimeException e) {
            return "unreadable: " + e;
        }
    }

    /** Whether the file now holds something other than what was last read (applied or rejected). */
    synchronized boolean changedSinceRead() {
        return !digestOf(file).equals(lastRead);
    }

    /**
     * The watcher's reload: skipped when the file holds exactly what was last read, since one save
     * raises several events and JMX may already have applied it. Returns null when skipped.
     */
    synchronized String reloadIfChanged(String why) {
        if (!changedSinceRead()) {
            AgentLog.debug("rules file " + file + " unchanged since it was last read; nothing to reload");
            return null;
        }
        return reload(why);
    }

    synchronized void useJmx(JmxRegistry registry) {
        this.jmx = registry;
    }

    synchronized void useMetrics(MetricsSection section) {
        this.metrics = section;
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
            lastRead = digestOf(file);
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

    private final java.util.List<java.util.function.Consumer<RulesFile>> appliedListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<java.util.function.Consumer<RulesFile>> retargetListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** {@code listener} gets every rules file that changes targets, before its classes are retransformed. */
    void beforeRetransform(java.util.function.Consumer<RulesFile> listener) {
        retargetListeners.add(listener);
    }

    /** {@code listener} gets every rules file a reload applies, after the runtime took it. */
    void onApplied(java.util.function.Consumer<RulesFile> listener) {
        appliedListeners.add(listener);
    }

    private String apply(RulesFile next, String why) {
        RulesFile previous = runtime.rules();
        if (!Objects.equals(previous.redis(), next.redis())) {
            AgentLog.warn("reload: the redis settings changed; they take effect after a restart");
        }
        List<WeaveKey> before = WeaveKey.of(previous.rules());
        List<WeaveKey> after = WeaveKey.of(next.rules());
        boolean retarget = !before.equals(after);
        AgentLog.debug(() -> "reload (" + why + "): " + RulesDiff.between(previous.rules(), next.rules()));
        runtime.reload(next); // sites of removed or re-targeted rules pass through from here on
        if (retarget) {
            for (var listener : retargetListeners) {
                listener.accept(next); // the startup gate: the classes the new rules name must reach the weaver
            }
            new Weaver(runtime.siteTable(), next.rules(), strict).patch(inst, installed.get());
        }
        for (var listener : appliedListeners) {
            listener.accept(next);
        }
        status.loaded(file.toString(), Instant.now());
        if (jmx != null) {
            jmx.sync();
        }
        if (metrics != null) {
            metrics.apply(next.metrics());
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
