package io.cacheweaver.agent;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * The already-loaded classes some rule names (or, for {@code Type+} rules, a supertype's name
 * matches): what a weaver must retransform once it exists, since they loaded before it did (a
 * class that waited out the startup gate's bound, another agent's early class loading, an
 * attach). Decided from the loaded {@code Class} objects by name alone: nothing is described,
 * read or loaded. JDK types only, so that the lean weaver's start touches no Byte Buddy class.
 */
final class LoadedTargets {
    private LoadedTargets() {
    }

    static List<Class<?>> find(Instrumentation inst, List<RuleTarget> targets) {
        List<Class<?>> found = new ArrayList<>();
        ClassLoader agentLoader = LoadedTargets.class.getClassLoader();
        for (Class<?> type : inst.getAllLoadedClasses()) {
            if (isTarget(type, agentLoader, targets) && inst.isModifiableClass(type)) {
                found.add(type);
            }
        }
        return found;
    }

    /**
     * The cheapest tests first: this runs on the way to opening the startup gate, over every class
     * loaded so far (≈ 1,500 in the smallest application, a quarter of them the agent's own), and
     * it cost 7–16 ms there while every check ran on every class (issue 17).
     */
    private static boolean isTarget(Class<?> type, ClassLoader agentLoader, List<RuleTarget> targets) {
        if (type.getClassLoader() == agentLoader || type.isArray() || NeverWeave.covers(type.getName())) {
            return false;
        }
        if (type.isPrimitive() || type.isHidden() || type.isSynthetic()) {
            return false;
        }
        for (RuleTarget target : targets) {
            if (target.matchesLoadedType(type)) {
                return true;
            }
        }
        return false;
    }
}
