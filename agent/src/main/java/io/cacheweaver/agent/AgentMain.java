package io.cacheweaver.agent;

import io.cacheweaver.bootstrap.AgentStarter;
import io.cacheweaver.bootstrap.CacheBridge;
import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.rules.RuleProblem;
import io.cacheweaver.rules.RulesException;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.rules.RulesLoader;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The agent proper, loaded in the isolated class loader: reads settings and rules, installs the
 * runtime behind the bridge and the weaver. Never throws; in strict mode a problem ends the JVM
 * (see {@link StrictMode}).
 */
public final class AgentMain implements AgentStarter {
    static final String VERSION = "0.1.0";

    /** Set once the agent runs with rules; a second attach reloads through it. */
    private volatile Operations operations;

    @Override
    public void start(String agentArgs, Instrumentation inst, File agentJar, boolean atStartup) {
        AgentSettings settings = AgentSettings.resolve(agentArgs);
        AttachReport report = new AttachReport(settings.attachReport());
        StrictMode strict = StrictMode.of(settings, atStartup);
        boolean ok = start(settings, inst, strict, report);
        report.finish(ok);
    }

    private boolean start(AgentSettings settings, Instrumentation inst, StrictMode strict, AttachReport report) {
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
        try {
            List<String> startupProblems = new ArrayList<>();
            RulesFile rules;
            // before reading: an edit made while the agent starts is then seen by the watcher, not lost
            String rulesDigest = RulesReloader.digestOf(Path.of(rulesPath));
            try {
                rules = RulesLoader.withSystemEnvironment().load(Path.of(rulesPath));
            } catch (RulesException e) {
                for (RuleProblem problem : e.problems()) {
                    AgentLog.error(problem.toString());
                    startupProblems.add(problem.toString());
                }
                report.addAll(startupProblems);
                strict.stopNow("the rules file " + rulesPath + " has " + e.problems().size() + " problem(s)");
                AgentLog.error("the rules file has " + e.problems().size() + " problem(s); the application runs uncached"
                        + " until the file is fixed (it is watched)");
                report.add("the agent runs with no rules and watches " + rulesPath + ": fix it and save, or attach again");
                // run with no rules rather than not at all: the watcher applies the file once it is fixed
                rules = new RulesFile(rulesPath, 1, null, java.util.Map.of(), java.util.List.of());
            }
            long rulesRead = System.nanoTime();
            SlowLoads.threshold(settings.get(Settings.SLOW_LOAD));
            RefreshPool.size(settings.get(Settings.REFRESH_THREADS), settings.get(Settings.REFRESH_QUEUE));
            WriteBehindPool.size(settings.get(Settings.WRITE_BEHIND_THREADS));
            // builds the Redis client objects only: connecting happens on first use or in a daemon thread
            RedisLayer redis = rules.redis() == null ? null : RedisLayer.create(rules.redis(), settings);
            CacheRuntime runtime = new CacheRuntime(rules, CacheRuntime.DEFAULT_LOAD_WAIT, redis);
            CacheBridge.install(runtime);
            Warming.start(runtime::caches, redis, settings.get(Settings.WARM_RECORD_INTERVAL));
            var http = io.cacheweaver.agent.http.HttpWeaving.start(inst, rules, settings);
            String started = "cacheweaver " + VERSION + ": " + rules.rules().size() + " rules from " + rulesPath
                    + "; caches: " + describeCaches(rules);
            AgentLog.info(started);
            long runtimeBuilt = System.nanoTime();
            var transformer = new Weaver(runtime.siteTable(), rules.rules(), strict).install(inst);
            long woven = System.nanoTime();
            AgentLog.debug(() -> "startup took " + millis(woven - began) + " ms: rules " + millis(rulesRead - began)
                    + " ms, runtime " + millis(runtimeBuilt - rulesRead) + " ms, weaver " + millis(woven - runtimeBuilt) + " ms");
            operations = Operations.start(inst, runtime, transformer, Path.of(rulesPath), settings, strict, rulesDigest);
            operations.onReload(http::reload);
            if (!startupProblems.isEmpty()) {
                operations.startedWithInvalidRules(String.join("\n", startupProblems));
                return false;
            }
            report.add(started);
            return true;
        } catch (Throwable t) {
            CacheBridge.install(null);
            String line = "agent failed to start: " + AgentLog.describe(t);
            AgentLog.error(line + "; the application runs uncached");
            report.add(line);
            strict.stopNow("the agent failed to start");
            return false;
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
