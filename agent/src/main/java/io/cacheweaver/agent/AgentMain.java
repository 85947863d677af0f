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
import io.cacheweaver.runtime.redis.RedisLayer;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.StringJoiner;

/**
 * The agent proper, loaded in the isolated class loader: reads settings and rules, installs the
 * runtime behind the bridge and the weaver. Never throws, except in strict mode with rules that
 * cannot be used.
 */
public final class AgentMain implements AgentStarter {
    static final String VERSION = "0.1.0";

    /** Set once the agent runs with rules; a second attach reloads through it. */
    private volatile Operations operations;

    @Override
    public void start(String agentArgs, Instrumentation inst, File agentJar, boolean atStartup) throws Exception {
        AgentSettings settings = AgentSettings.resolve(agentArgs);
        if (!settings.enabled()) {
            return;
        }
        AgentLog.setDebug(settings.debug());
        if (settings.rules() == null) {
            AgentLog.error("no rules file given: pass rules=/path/to/cache-rules.yaml as the agent argument,"
                    + " -Dcacheweaver.rules or CACHEWEAVER_RULES; the application runs uncached");
            failIfStrict(settings, "no rules file");
            return;
        }
        try {
            String startupError = null;
            RulesFile rules;
            // before reading: an edit made while the agent starts is then seen by the watcher, not lost
            String rulesDigest = RulesReloader.digestOf(Path.of(settings.rules()));
            try {
                rules = RulesLoader.withSystemEnvironment().load(Path.of(settings.rules()));
            } catch (RulesException e) {
                for (RuleProblem problem : e.problems()) {
                    AgentLog.error(problem.toString());
                }
                AgentLog.error("the rules file has " + e.problems().size() + " problem(s); the application runs uncached"
                        + " until the file is fixed (it is watched)");
                failIfStrict(settings, "invalid rules file " + settings.rules() + ":\n" + e.getMessage());
                startupError = e.getMessage();
                // run with no rules rather than not at all: the watcher applies the file once it is fixed
                rules = new RulesFile(settings.rules(), 1, null, java.util.Map.of(), java.util.List.of());
            }
            // builds the Redis client objects only: connecting happens on first use or in a daemon thread
            RedisLayer redis = rules.redis() == null ? null : RedisLayer.create(rules.redis());
            CacheRuntime runtime = new CacheRuntime(rules, CacheRuntime.DEFAULT_LOAD_WAIT, redis);
            CacheBridge.install(runtime);
            AgentLog.info("cacheweaver " + VERSION + ": " + rules.rules().size() + " rules from " + settings.rules()
                    + "; caches: " + describeCaches(rules));
            var transformer = new Weaver(runtime.siteTable(), rules.rules()).install(inst);
            operations = Operations.start(inst, runtime, transformer, Path.of(settings.rules()), rulesDigest);
            if (startupError != null) {
                operations.startedWithInvalidRules(startupError);
            }
        } catch (StrictModeFailure e) {
            throw e;
        } catch (Throwable t) {
            CacheBridge.install(null);
            AgentLog.error("agent failed to start; the application runs uncached: " + AgentLog.describe(t));
            if (settings.strict()) {
                throw new StrictModeFailure("cacheweaver failed to start (strict mode)", t);
            }
        }
    }

    @Override
    public void reattach(String agentArgs) {
        Operations running = operations;
        if (running == null) {
            AgentLog.warn("the agent is already in this JVM but runs no rules; restart the application to change that");
            return;
        }
        AgentLog.info("the agent is already running in this JVM: reloading rules instead of installing it twice");
        running.reattach(agentArgs);
    }

    @Override
    public int runCommand(String[] args) {
        return new CommandLine(System.out, System.err).run(args);
    }

    private static void failIfStrict(AgentSettings settings, String why) throws StrictModeFailure {
        if (settings.strict()) {
            throw new StrictModeFailure("cacheweaver (strict mode): " + why, null);
        }
    }

    private static String describeCaches(RulesFile rules) {
        StringJoiner joiner = new StringJoiner(", ");
        for (CacheSpec spec : rules.caches().values()) {
            joiner.add(spec.name() + " " + spec.layers().toString().toLowerCase(java.util.Locale.ROOT));
        }
        return joiner.length() == 0 ? "none" : joiner.toString();
    }

    /** Stops JVM startup: thrown out of premain only in strict mode. */
    static final class StrictModeFailure extends Exception {
        private static final long serialVersionUID = 1L;

        StrictModeFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
