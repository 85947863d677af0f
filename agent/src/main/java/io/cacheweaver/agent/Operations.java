package io.cacheweaver.agent;

import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.CacheRuntime;
import io.cacheweaver.runtime.jmx.AgentStatus;
import io.cacheweaver.runtime.jmx.AgentView;
import io.cacheweaver.runtime.jmx.JmxRegistry;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Wires what keeps a started agent operable while the application runs: rules hot reload (file
 * watcher, JMX, second attach) and the MBeans. Nothing here touches JMX or java.util.logging on
 * the calling (premain) thread.
 */
final class Operations {
    /** Upper bound on waiting for the application's LogManager when no custom one is configured. */
    static final Duration DEFAULT_JMX_DELAY = Duration.ofSeconds(5);

    private final RulesReloader reloader;
    private final AgentStatus status;

    private Operations(RulesReloader reloader, AgentStatus status) {
        this.reloader = reloader;
        this.status = status;
    }

    /** {@code rulesDigest}: the rules file's digest taken before the agent read it ({@link RulesReloader#digestOf}). */
    static Operations start(Instrumentation inst, CacheRuntime runtime, net.bytebuddy.agent.builder.ResettableClassFileTransformer transformer,
                            Path rulesFile, String rulesDigest) {
        AgentStatus status = new AgentStatus(rulesFile.toString(), Instant.now());
        RulesReloader reloader = new RulesReloader(inst, runtime, transformer, rulesFile, rulesDigest, status);
        new RulesWatcher(reloader).start();
        if (!"false".equalsIgnoreCase(System.getProperty("cacheweaver.jmx"))) {
            JmxRegistry jmx = new JmxRegistry(runtime, new AgentView(runtime, status, () -> reloader.reload("JMX reloadRules()")));
            reloader.useJmx(jmx);
            jmx.startDeferred(() -> isLoaded(inst, "java.util.logging.LogManager"),
                    Duration.ofMillis(Long.getLong("cacheweaver.jmx.delay", DEFAULT_JMX_DELAY.toMillis())));
        }
        return new Operations(reloader, status);
    }

    /** The file was invalid at startup: the agent runs with no rules, and LastError says why. */
    void startedWithInvalidRules(String problems) {
        status.failed(reloader.file().toString(), problems);
    }

    /** A second attach: reload, from the file it names if any (contract: attaching again reloads). */
    void reattach(String agentArgs) {
        AgentSettings settings = AgentSettings.resolve(agentArgs);
        Path file = settings.rules() == null ? reloader.file() : Path.of(settings.rules());
        if (file.toAbsolutePath().equals(reloader.file().toAbsolutePath())) {
            reloader.reload("attach");
            return;
        }
        AgentLog.info("attach names another rules file: " + file + " (was " + reloader.file() + ")");
        reloader.reload(file, "attach");
        new RulesWatcher(reloader).start();
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
