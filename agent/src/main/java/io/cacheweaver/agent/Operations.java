package io.cacheweaver.agent;

import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.CacheRuntime;
import io.cacheweaver.runtime.jmx.AgentStatus;
import io.cacheweaver.runtime.jmx.AgentView;
import io.cacheweaver.runtime.jmx.JmxRegistry;
import io.cacheweaver.runtime.metrics.MetricsSection;
import io.cacheweaver.runtime.settings.AgentSettings;
import io.cacheweaver.runtime.settings.Settings;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Wires what keeps a started agent operable while the application runs: rules hot reload (file
 * watcher, JMX, second attach) and the MBeans. Nothing here touches JMX or java.util.logging on
 * the calling (premain) thread.
 */
final class Operations {
    private final RulesReloader reloader;
    private final AgentStatus status;

    private Operations(RulesReloader reloader, AgentStatus status) {
        this.reloader = reloader;
        this.status = status;
    }

    /**
     * {@code transformer}: Byte Buddy's, which reloads patch (built on first use behind the lean weaver);
     * {@code rulesDigest}: the rules file's digest taken before the agent read it ({@link RulesReloader#digestOf}).
     */
    static Operations start(Instrumentation inst, CacheRuntime runtime,
                            java.util.function.Supplier<net.bytebuddy.agent.builder.ResettableClassFileTransformer> transformer,
                            Path rulesFile, AgentSettings settings, StrictMode strict, String rulesDigest) {
        AgentStatus status = new AgentStatus(rulesFile.toString(), Instant.now());
        RulesReloader reloader = new RulesReloader(inst, runtime, transformer, rulesFile, rulesDigest, status, strict);
        new RulesWatcher(reloader).start();
        MetricsSection metrics = new MetricsSection(runtime, () -> isLoaded(inst, "java.util.logging.LogManager"),
                settings.get(Settings.JMX_DELAY));
        metrics.apply(runtime.rules().metrics());
        reloader.useMetrics(metrics);
        if (settings.get(Settings.JMX)) {
            JmxRegistry jmx = new JmxRegistry(runtime, new AgentView(runtime, status, () -> reloader.reload("JMX reloadRules()")),
                    settings.get(Settings.JMX_READ_ONLY));
            reloader.useJmx(jmx);
            jmx.startDeferred(() -> isLoaded(inst, "java.util.logging.LogManager"), settings.get(Settings.JMX_DELAY));
        } else {
            AgentLog.debug("JMX: off (" + settings.origin(Settings.JMX) + ")");
        }
        return new Operations(reloader, status);
    }

    /** Hands every rules file that changes targets to {@code listener} before retransforming (the startup gate). */
    void beforeRetransform(java.util.function.Consumer<io.cacheweaver.rules.RulesFile> listener) {
        reloader.beforeRetransform(listener);
    }

    /** Also hands every applied rules file to {@code listener} (the HTTP layer). */
    void onReload(java.util.function.Consumer<io.cacheweaver.rules.RulesFile> listener) {
        reloader.onApplied(listener);
    }

    /** The file was invalid at startup: the agent runs with no rules, and LastError says why. */
    void startedWithInvalidRules(String problems) {
        status.failed(reloader.file().toString(), problems);
    }

    /**
     * A second attach: reload, from the file it names if any (contract: attaching again reloads).
     * A rejected file leaves the rules in force and the watched file as they were. Returns
     * whether the file was applied; {@code report} gets the outcome and every problem.
     */
    boolean reattach(String rulesPath, AttachReport report) {
        Path file = rulesPath == null ? reloader.file() : Path.of(rulesPath);
        Path previous = reloader.file();
        boolean switching = !file.toAbsolutePath().equals(previous.toAbsolutePath());
        if (switching) {
            AgentLog.info("attach names another rules file: " + file + " (was " + previous + ")");
        }
        String outcome = switching ? reloader.reload(file, "attach") : reloader.reload("attach");
        String problems = status.state().lastError();
        if (!problems.isEmpty()) {
            report.addAll(problems.lines().toList());
            report.add(outcome);
            if (switching) {
                report.add("still watching " + reloader.file());
            }
            return false;
        }
        report.add(outcome);
        if (switching) {
            new RulesWatcher(reloader).start();
        }
        return true;
    }

    /** Polled by the JMX thread only; an array copy of the loaded classes every 50 ms at most. */
    private static boolean isLoaded(Instrumentation inst, String className) {
        for (Class<?> type : inst.getAllLoadedClasses()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
