package io.cacheweaver.agent;

import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Which already-loaded classes Byte Buddy's first installation must retransform:
 * {@link LoadedTargets}, so Byte Buddy need not describe every class the JVM loaded before
 * premain (≈ 80 ms at startup; far more on attach to a large application). Resolved when Byte
 * Buddy asks — after the transformer is registered — so a class loaded in between is either in
 * the list or seen by the transformer itself.
 */
final class LoadedCandidates implements AgentBuilder.RedefinitionStrategy.DiscoveryStrategy {
    private final List<RuleTarget> targets;

    LoadedCandidates(List<RuleTarget> targets) {
        this.targets = targets;
    }

    @Override
    public Iterable<Iterable<Class<?>>> resolve(Instrumentation inst) {
        return List.of(LoadedTargets.find(inst, targets));
    }
}
