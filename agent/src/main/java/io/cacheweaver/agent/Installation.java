package io.cacheweaver.agent;

import io.cacheweaver.agent.http.HttpWeaving;
import io.cacheweaver.bootstrap.CacheBridge;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.CacheRuntime;
import io.cacheweaver.runtime.RefreshPool;
import io.cacheweaver.runtime.SlowLoads;
import io.cacheweaver.runtime.Warming;
import io.cacheweaver.runtime.WriteBehindPool;
import io.cacheweaver.runtime.redis.RedisLayer;
import io.cacheweaver.runtime.settings.AgentSettings;
import io.cacheweaver.runtime.settings.Settings;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * What follows reading the rules: the runtime (behind the bridge), the weaver, then hot
 * reload and JMX. At startup it runs on a thread of its own behind a {@link TransformerGate}
 * (no woven code can run before the weaver exists, so the runtime need not exist earlier);
 * on attach and in strict mode on the calling thread, as before. A class of its own so that
 * {@link AgentMain} only decides when and where it runs; the operations it ends with go back
 * to the {@link AgentMain} that made it, which a second attach reloads through.
 */
final class Installation {
    /**
     * How long the weaver waits for the Redis invalidation subscription before the first woven
     * class loads: enough for a reachable Redis (a refused connection ends the wait at once).
     */
    private static final long FIRST_SUBSCRIPTION_WAIT_MILLIS = 250;

    private final AgentMain agent;
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

    Installation(AgentMain agent, Instrumentation inst, StartupRules read, AgentSettings settings, StrictMode strict,
                 String started, WeaverWarmup warmup) {
        this.agent = agent;
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
            AgentLog.debug("runtime built in " + AgentMain.millis(runtimeBuilt - rulesRead) + " ms");
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
            AgentMain.failed(t, new AttachReport(null), strict);
        } finally {
            gate.serversWoven(); // idempotent: never holds a server class once this thread is done
            agent.installedBehind();
        }
    }

    private Weaver weaver() {
        if (warmup != null) {
            warmup.await(); // no Byte Buddy class is touched before: their initializers never run on two threads
        }
        return new Weaver(runtime.siteTable(), rules.rules(), strict);
    }

    /** {@code gate}: the startup gate whose held server classes may load once the HTTP layer is woven, or null. */
    private Operations finish(Supplier<ResettableClassFileTransformer> transformer, TransformerGate gate) {
        long woven = System.nanoTime();
        if (AgentLog.isDebug()) {
            AgentLog.debug("weaver installed " + AgentMain.millis(woven - rulesRead) + " ms after the rules were read");
        }
        // behind the gate, the HTTP layer's transformer goes to the gate too (held server classes
        // see it); on attach, server classes loaded already are retransformed
        var http = HttpWeaving.start(gate == null ? inst : new GatedInstrumentation(inst, gate::openServers),
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
        agent.running(started);
        return started;
    }
}
