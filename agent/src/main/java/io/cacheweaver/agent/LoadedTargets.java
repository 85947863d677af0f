package io.cacheweaver.agent;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
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
        for (Class<?> type : inst.getAllLoadedClasses()) {
            if (isTarget(type, targets) && inst.isModifiableClass(type)) {
                found.add(type);
            }
        }
        return found;
    }

    private static boolean isTarget(Class<?> type, List<RuleTarget> targets) {
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
