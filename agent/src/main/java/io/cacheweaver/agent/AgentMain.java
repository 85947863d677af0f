package io.cacheweaver.agent;

import io.cacheweaver.agent.http.ServerClasses;
import io.cacheweaver.agent.lean.LeanRules;
import io.cacheweaver.bootstrap.AgentStarter;
import io.cacheweaver.bootstrap.CacheBridge;
import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.settings.AgentSettings;
import io.cacheweaver.runtime.settings.Settings;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The agent proper, loaded in the isolated class loader: reads settings and rules, installs the
 * runtime behind the bridge and the weaver (an {@link Installation} builds them; this class decides
 * when and on which thread). Never throws; in strict mode a problem ends the JVM (see {@link StrictMode}).
 */
public final class AgentMain implements AgentStarter {
    static final String VERSION = "0.1.0";

    /** Set once the agent runs with rules; a second attach reloads through it. */
    private volatile Operations operations;
    /** Counted down once the weaver thread is done (installed or failed); a second attach waits for it. */
    private final CountDownLatch installed = new CountDownLatch(1);
    private volatile boolean installing;

    @Override
    public void start(String agentArgs, Instrumentation inst, File agentJar, boolean atStartup) {
        AgentSettings settings = AgentSettings.resolve(agentArgs);
        AttachReport report = new AttachReport(settings.attachReport());
        StrictMode strict = StrictMode.of(settings, atStartup);
        boolean ok = start(settings, inst, strict, report, atStartup);
        report.finish(ok);
    }

    private boolean start(AgentSettings settings, Instrumentation inst, StrictMode strict, AttachReport report,
                          boolean atStartup) {
        AgentLog.setDebug(settings.get(Settings.DEBUG));
        if (!checked(settings, report)) {
            strict.stopNow("the agent settings have " + settings.problems().size() + " problem(s)");
        }
        AgentLog.debug("settings: " + settings.describeNonDefaults());
        if (!settings.get(Settings.ENABLED)) {
            AgentLog.info("disabled by the " + settings.origin(Settings.ENABLED) + ": nothing is woven");
            report.add("the agent is disabled by the " + settings.origin(Settings.ENABLED));
            return false;
        }
        String rulesPath = settings.get(Settings.RULES);
        if (rulesPath == null) {
            String line = "no rules file given: pass rules=/path/to/cache-rules.yaml as the agent argument,"
                    + " -Dcacheweaver.rules or CACHEWEAVER_RULES";
            AgentLog.error(line + "; the application runs uncached");
            report.add(line);
            strict.stopNow("no rules file");
            return false;
        }
        long began = System.nanoTime();
        if (atStartup && !strict.isOn()) {
            RuntimeWarmup.start(); // the runtime's and the lean weaver's first costs, on another core while the rules are read
        }
        try {
            StartupRules read = StartupRules.read(rulesPath, report, strict);
            Installation installation = prepare(read, inst, settings, strict, atStartup, began);
            if (atStartup && !strict.isOn()) {
                // premain returns now: classes no rule can weave load at once, the others wait for the weaver
                // (with http: rules, the server classes the HTTP layer weaves wait for it too)
                startBehind(new TransformerGate(installation.gateNames(), ServerClasses.WOVEN), inst, installation);
                report.add(installation.started);
                return read.problems().isEmpty();
            }
            Operations running = installation.install();
            if (!read.problems().isEmpty()) {
                return false;
            }
            report.add(installation.started);
            return running != null;
        } catch (Throwable t) {
            failed(t, report, strict);
            return false;
        }
    }

    /** Also the {@link Installation}'s, when the weaver thread fails. */
    static void failed(Throwable t, AttachReport report, StrictMode strict) {
        CacheBridge.install(null);
        String line = "agent failed to start: " + AgentLog.describe(t);
        AgentLog.error(line + "; the application runs uncached");
        report.add(line);
        strict.stopNow("the agent failed to start");
    }

    /** Logs what the rules file holds and which weaver runs; starts Byte Buddy's warm-up if it will weave. */
    private Installation prepare(StartupRules read, Instrumentation inst, AgentSettings settings, StrictMode strict,
                                 boolean atStartup, long began) {
        RulesFile rules = read.rules();
        if (AgentLog.isDebug()) {
            AgentLog.debug("premain: rules read in " + millis(read.readAt() - began) + " ms");
        }
        String started = "cacheweaver " + VERSION + ": " + rules.rules().size() + " rules from " + rules.source()
                + "; caches: " + describeCaches(rules);
        AgentLog.info(started);
        String notLean = !atStartup || strict.isOn() ? "it attaches, or runs in strict mode"
                : !settings.get(Settings.LEAN_WEAVER) ? "leanWeaver=false" : LeanRules.whyNot(rules);
        if (AgentLog.isDebug()) {
            AgentLog.debug(notLean == null ? "the lean weaver weaves; Byte Buddy is not loaded" : "Byte Buddy weaves: " + notLean);
        }
        // Byte Buddy loads on another core while the application starts (and, on attach, while the runtime is built)
        WeaverWarmup warmup = notLean == null ? null : WeaverWarmup.start();
        return new Installation(this, inst, read, settings, strict, started, warmup);
    }

    /** Registers the gate and returns: the weaver thread installs behind it. */
    private void startBehind(TransformerGate gate, Instrumentation inst, Installation installation) {
        inst.addTransformer(gate, true);
        installing = true;
        Thread weaving = new Thread(() -> installation.installBehind(gate), "cacheweaver-weaver");
        weaving.setDaemon(true);
        gate.openedBy(weaving);
        weaving.start();
    }

    /** From the {@link Installation}: what the agent runs with from now on. */
    void running(Operations started) {
        operations = started;
    }

    /** From the {@link Installation} on the weaver thread, once it is done (installed or failed). */
    void installedBehind() {
        installed.countDown();
    }

    /** Logs every settings problem and warning, one line each; false when there was a problem. */
    private static boolean checked(AgentSettings settings, AttachReport report) {
        for (String problem : settings.problems()) {
            AgentLog.error(problem);
            report.add(problem);
        }
        for (String warning : settings.warnings()) {
            AgentLog.warn(warning);
            report.add(warning);
        }
        return settings.problems().isEmpty();
    }

    @Override
    public void reattach(String agentArgs) {
        AgentSettings settings = AgentSettings.resolve(agentArgs);
        AttachReport report = new AttachReport(settings.attachReport());
        checked(settings, report);
        Operations running = operations;
        if (running == null) {
            awaitInstallation();
            running = operations;
        }
        if (running == null) {
            String line = "the agent is already in this JVM but runs no rules; restart the application to change that";
            AgentLog.warn(line);
            report.add(line);
            report.finish(false);
            return;
        }
        AgentLog.info("the agent is already running in this JVM: reloading rules instead of installing it twice");
        report.finish(running.reattach(settings.get(Settings.RULES), report));
    }

    @Override
    public int runCommand(String[] args) {
        return new CommandLine(System.out, System.err).run(args);
    }

    private void awaitInstallation() {
        if (!installing) {
            return;
        }
        try {
            installed.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /** Layers in the order the rules file declares them. */
    private static String describeCaches(RulesFile rules) {
        StringJoiner joiner = new StringJoiner(", ");
        for (CacheSpec spec : rules.caches().values()) {
            joiner.add(spec.name() + " " + spec.layers().toString().toLowerCase(Locale.ROOT));
        }
        return joiner.length() == 0 ? "none" : joiner.toString();
    }
}
