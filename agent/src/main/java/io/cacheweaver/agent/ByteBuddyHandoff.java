package io.cacheweaver.agent;

import io.cacheweaver.agent.lean.LeanWeaver;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.SiteTable;
import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * Builds Byte Buddy's weaver the first time the lean weaver cannot go on, and puts it behind the
 * startup gate in the lean weaver's place: for a class the lean weaver cannot weave, or for a
 * reload that changes which methods are woven (which Byte Buddy's differential retransformation
 * does). It is built with the rules the lean weaver wove with, so that what it would weave equals
 * what is woven: a reload then retransforms exactly what it changes.
 */
final class ByteBuddyHandoff implements LeanWeaver.Handoff {
    private final Instrumentation inst;
    private final TransformerGate gate;
    private final SiteTable sites;
    private final List<Rule> rules;
    private final StrictMode strict;
    private ResettableClassFileTransformer installed; // guarded by this

    ByteBuddyHandoff(Instrumentation inst, TransformerGate gate, SiteTable sites, List<Rule> rules, StrictMode strict) {
        this.inst = inst;
        this.gate = gate;
        this.sites = sites;
        this.rules = List.copyOf(rules);
        this.strict = strict;
    }

    /**
     * Opens {@code gate} to the lean weaver, with this handoff behind it, and weaves the classes
     * the rules name that loaded before (one that waited out the gate's bound, another agent's):
     * what Byte Buddy's installation does with {@link LoadedCandidates}.
     */
    static ByteBuddyHandoff openLean(Instrumentation inst, TransformerGate gate, SiteTable sites, List<Rule> rules,
                                     StrictMode strict) {
        ByteBuddyHandoff handoff = new ByteBuddyHandoff(inst, gate, sites, rules, strict);
        // listed before the gate opens: what loads from now on is woven as it loads
        List<Class<?>> loadedEarlier = LoadedTargets.find(inst, RuleTarget.all(rules));
        gate.open(new LeanWeaver(sites, rules, NeverWeave::covers, inst, handoff));
        if (!loadedEarlier.isEmpty()) {
            try {
                inst.retransformClasses(loadedEarlier.toArray(new Class<?>[0])); // through the gate: the lean weaver
            } catch (Throwable t) {
                AgentLog.warn("could not weave " + loadedEarlier.size() + " class(es) loaded before the weaver was ready: "
                        + AgentLog.describe(t) + "; they run uncached");
            }
        }
        return handoff;
    }

    @Override
    public synchronized ResettableClassFileTransformer takeOver(String why) {
        if (installed == null) {
            long began = System.nanoTime();
            // registering it through the gate makes it the gate's delegate: every class from now on
            installed = new Weaver(sites, rules, strict).takeOver(new GatedInstrumentation(inst, gate::open));
            AgentLog.info("Byte Buddy weaves from now on (" + why + "); it started in "
                    + (System.nanoTime() - began) / 1_000_000 + " ms");
        }
        return installed;
    }
}
