package io.cacheweaver.agent;

import io.cacheweaver.agent.http.ServerClasses;
import io.cacheweaver.agent.lean.LeanRules;
import io.cacheweaver.bootstrap.AgentStarter;
import io.cacheweaver.bootstrap.CacheBridge;
import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.CacheRuntime;
import io.cacheweaver.runtime.Warming;
import io.cacheweaver.runtime.RefreshPool;
import io.cacheweaver.runtime.WriteBehindPool;
import io.cacheweaver.runtime.SlowLoads;
import io.cacheweaver.runtime.redis.RedisLayer;
import io.cacheweaver.runtime.settings.AgentSettings;
import io.cacheweaver.runtime.settings.Settings;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The agent proper, loaded in the isolated class loader: reads settings and rules, installs the
 * runtime behind the bridge and the weaver. Never throws; in strict mode a problem ends the JVM
 * (see {@link StrictMode}).
 */
public final class AgentMain implements AgentStarter {
    static final String VERSION = "0.1.0";

    /** Set once the agent runs with rules; a second attach reloads through it. */
    private volatile Operations operations;
    /** Counted down once the weaver thread is done (installed or failed); a second attach waits for it. */
    private final CountDownLatch installed = new CountDownLatch(1);
    private volatile boolean installing;
    /**
     * How long the weaver waits for the Redis invalidation subscription before the first woven
     * class loads: enough for a reachable Redis (a refused connection ends the wait at once).
     */
    private static final long FIRST_SUBSCRIPTION_WAIT_MILLIS = 250;

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

    private void failed(Throwable t, AttachReport report, StrictMode strict) {
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
        return new Installation(inst, read, settings, strict, started, warmup);
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

    /**
     * What follows reading the rules: the runtime (behind the bridge), the weaver, then hot
     * reload and JMX. At startup it runs on a thread of its own behind a {@link TransformerGate}
     * (no woven code can run before the weaver exists, so the runtime need not exist earlier);
     * on attach and in strict mode on the calling thread, as before.
     */
    private final class Installation {
        private final Instrumentation inst;
        private CacheRuntime runtime;
        private final RulesFile rules;
        private final AgentSettings settings;
        private final StrictMode strict;
        private final String rulesPath;
        private final String rulesDigest;
        private final List<String> startupProblems;
        private final WeaverWarmup warmup;
        private final long rulesRead;
        /** The line that says what the agent runs with. */
        final String started;

        Installation(Instrumentation inst, StartupRules read, AgentSettings settings, StrictMode strict, String started,
                     WeaverWarmup warmup) {
            this.inst = inst;
            this.rules = read.rules();
            this.settings = settings;
            this.strict = strict;
            this.rulesPath = read.rules().source();
            this.rulesDigest = read.digest();
            this.startupProblems = read.problems();
            this.warmup = warmup;
            this.rulesRead = read.readAt();
            this.started = started;
        }

        /** What the startup gate holds for these rules. */
        GateNames gateNames() {
            return GateNames.of(rules.rules(), !rules.http().rules().isEmpty());
        }

        private void buildRuntime() {
            SlowLoads.threshold(settings.get(Settings.SLOW_LOAD));
            RefreshPool.size(settings.get(Settings.REFRESH_THREADS), settings.get(Settings.REFRESH_QUEUE));
            WriteBehindPool.size(settings.get(Settings.WRITE_BEHIND_THREADS));
            // builds the Redis client objects only: connecting happens on first use or in a daemon thread
            RedisLayer redis = rules.redis() == null ? null : RedisLayer.create(rules.redis(), settings);
            runtime = new CacheRuntime(rules, CacheRuntime.DEFAULT_LOAD_WAIT, redis);
            CacheBridge.install(runtime);
            if (redis != null) {
                // bounded: a Redis that does not answer at all costs the first woven call this once, then nothing
                redis.awaitFirstSubscription(FIRST_SUBSCRIPTION_WAIT_MILLIS);
            }
            Warming.start(runtime::caches, redis, settings.get(Settings.WARM_RECORD_INTERVAL));
            long runtimeBuilt = System.nanoTime();
            if (AgentLog.isDebug()) {
                AgentLog.debug("runtime built in " + millis(runtimeBuilt - rulesRead) + " ms");
            }
        }

        /** On the calling thread; the operations, or throws. */
        Operations install() {
            buildRuntime();
            var transformer = weaver().install(inst);
            return finish(() -> transformer, null);
        }

        /** On the weaver thread: never throws; a failure opens the gate to nothing and leaves the application uncached. */
        void installBehind(TransformerGate gate) {
            try {
                buildRuntime();
                if (warmup == null) { // the lean weaver: Byte Buddy is built only if it ever needs to take over
                    ByteBuddyHandoff handoff = ByteBuddyHandoff.openLean(inst, gate, runtime.siteTable(), rules.rules(), strict);
                    finish(() -> handoff.takeOver("a reload changes which methods are woven"), gate);
                    return;
                }
                var transformer = weaver().install(new GatedInstrumentation(inst, gate::open));
                if (!gate.isOpen()) {
                    gate.open(transformer); // Byte Buddy registers its transformer through GatedInstrumentation
                }
                finish(() -> transformer, gate);
            } catch (Throwable t) {
                gate.open(null);
                failed(t, new AttachReport(null), strict);
            } finally {
                gate.serversWoven(); // idempotent: never holds a server class once this thread is done
                installed.countDown();
            }
        }

        private Weaver weaver() {
            if (warmup != null) {
                warmup.await(); // no Byte Buddy class is touched before: their initializers never run on two threads
            }
            return new Weaver(runtime.siteTable(), rules.rules(), strict);
        }

        /** {@code gate}: the startup gate whose held server classes may load once the HTTP layer is woven, or null. */
        private Operations finish(java.util.function.Supplier<net.bytebuddy.agent.builder.ResettableClassFileTransformer> transformer,
                                  TransformerGate gate) {
            long woven = System.nanoTime();
            if (AgentLog.isDebug()) {
                AgentLog.debug("weaver installed " + millis(woven - rulesRead) + " ms after the rules were read");
            }
            // behind the gate, the HTTP layer's transformer goes to the gate too (held server classes
            // see it); on attach, server classes loaded already are retransformed
            var http = io.cacheweaver.agent.http.HttpWeaving.start(gate == null ? inst : new GatedInstrumentation(inst, gate::openServers),
                    rules, settings);
            if (gate != null) {
                gate.serversWoven(); // no http: rules, or their weaving failed: nothing to wait for
            }
            Operations started = Operations.start(inst, runtime, transformer, Path.of(rulesPath), settings, strict, rulesDigest);
            started.onReload(http::reload);
            if (gate != null) {
                started.beforeRetransform(next -> gate.retarget(GateNames.of(next.rules(), !next.http().rules().isEmpty())));
            }
            if (!startupProblems.isEmpty()) {
                started.startedWithInvalidRules(String.join("\n", startupProblems));
            }
            operations = started;
            return started;
        }
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

    private static long millis(long nanos) {
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
