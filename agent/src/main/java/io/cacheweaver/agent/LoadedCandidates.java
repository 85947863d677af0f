package io.cacheweaver.agent;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Which already-loaded classes the first installation must retransform: those whose name (or,
 * for {@code Type+} rules, a supertype's name) a rule matches. Decided from the loaded
 * {@code Class} objects by name alone, so Byte Buddy need not describe every class the JVM
 * loaded before premain (≈ 80 ms at startup; far more on attach to a large application).
 * Resolved when Byte Buddy asks — after the transformer is registered — so a class loaded in
 * between is either in the list or seen by the transformer itself.
 */
final class LoadedCandidates implements AgentBuilder.RedefinitionStrategy.DiscoveryStrategy {
    private final List<RuleTarget> targets;

    LoadedCandidates(List<RuleTarget> targets) {
        this.targets = targets;
    }

    @Override
    public Iterable<Iterable<Class<?>>> resolve(Instrumentation inst) {
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> type : inst.getAllLoadedClasses()) {
            if (isCandidate(type) && inst.isModifiableClass(type)) {
                candidates.add(type);
            }
        }
        List<Iterable<Class<?>>> batches = new ArrayList<>();
        batches.add(candidates);
        return batches;
    }

    private boolean isCandidate(Class<?> type) {
        if (type.isArray() || type.isPrimitive() || type.isHidden() || type.isSynthetic()) {
            return false;
        }
        if (NeverWeave.covers(type.getName())) {
            return false;
        }
        for (RuleTarget target : targets) {
            if (target.matchesLoadedType(type, new HashSet<>())) {
                return true;
            }
        }
        return false;
    }
}
