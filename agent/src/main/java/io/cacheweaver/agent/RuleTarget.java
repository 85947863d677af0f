package io.cacheweaver.agent;

import io.cacheweaver.rules.Rule;
import io.cacheweaver.runtime.MethodShape;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/** A rule's method selector compiled for matching Byte Buddy descriptions. */
final class RuleTarget {
    final Rule rule;
    private final Pattern classRegex;
    private final Pattern methodRegex;

    RuleTarget(Rule rule) {
        this.rule = rule;
        this.classRegex = rule.method().classRegex();
        this.methodRegex = rule.method().methodRegex();
    }

    static List<RuleTarget> all(List<Rule> rules) {
        List<RuleTarget> targets = new ArrayList<>();
        for (Rule rule : rules) {
            targets.add(new RuleTarget(rule));
        }
        return List.copyOf(targets);
    }

    boolean matchesType(TypeDescription type) {
        if (classRegex.matcher(type.getName()).matches()) {
            return true;
        }
        return rule.method().includeSubtypes() && hasMatchingSupertype(type, new HashSet<>());
    }

    /** Walks superclasses and interfaces through the type pool; an unresolvable supertype just does not match. */
    private boolean hasMatchingSupertype(TypeDefinition type, Set<String> seen) {
        try {
            TypeDescription.Generic superClass = type.getSuperClass();
            if (superClass != null && visit(superClass.asErasure(), seen)) {
                return true;
            }
            for (TypeDescription.Generic implemented : type.getInterfaces()) {
                if (visit(implemented.asErasure(), seen)) {
                    return true;
                }
            }
        } catch (RuntimeException unresolvable) {
            return false;
        }
        return false;
    }

    private boolean visit(TypeDescription type, Set<String> seen) {
        if (!seen.add(type.getName())) {
            return false;
        }
        return classRegex.matcher(type.getName()).matches() || hasMatchingSupertype(type, seen);
    }

    /** {@link #matchesType} for a class already loaded, by reflection on names only (nothing is loaded or parsed). */
    boolean matchesLoadedType(Class<?> type) {
        return rule.method().includeSubtypes() ? matchesLoadedType(type, new HashSet<>())
                : classRegex.matcher(type.getName()).matches();
    }

    private boolean matchesLoadedType(Class<?> type, Set<Class<?>> seen) {
        if (!seen.add(type)) {
            return false;
        }
        if (classRegex.matcher(type.getName()).matches()) {
            return true;
        }
        if (!rule.method().includeSubtypes()) {
            return false;
        }
        Class<?> superclass = type.getSuperclass();
        if (superclass != null && matchesLoadedType(superclass, seen)) {
            return true;
        }
        for (Class<?> implemented : type.getInterfaces()) {
            if (matchesLoadedType(implemented, seen)) {
                return true;
            }
        }
        return false;
    }

    boolean matchesMethod(MethodDescription method) {
        if (!methodRegex.matcher(method.getName()).matches()) {
            return false;
        }
        return rule.method().matchesParameters(parameterTypeNames(method));
    }

    /**
     * For debug output: why a method with the selector's name was not selected, or null when the
     * name differs too (listing every method of the class would drown the useful lines).
     */
    static String whyNot(RuleTarget target, MethodDescription method) {
        if (!target.methodRegex.matcher(method.getName()).matches()) {
            return null;
        }
        return "rule " + target.rule.id() + ": skipped " + method.getDeclaringType().asErasure().getName() + "#"
                + method.getName() + "(" + String.join(", ", parameterTypeNames(method)) + "): the parameters do not match "
                + target.rule.method().text();
    }

    static List<String> parameterTypeNames(MethodDescription method) {
        List<String> names = new ArrayList<>();
        for (ParameterDescription parameter : method.getParameters()) {
            names.add(parameter.getType().asErasure().getActualName());
        }
        return names;
    }

    /** The method as the runtime needs it: names and types as text, read from the class file. */
    static MethodShape shapeOf(TypeDescription type, MethodDescription method, ClassLoader loader) {
        List<String> names = new ArrayList<>();
        for (ParameterDescription parameter : method.getParameters()) {
            names.add(parameter.isNamed() ? parameter.getName() : null);
        }
        return new MethodShape(type.getName(), method.getName(), method.getDescriptor(), names,
                parameterTypeNames(method), method.getReturnType().asErasure().getActualName(),
                method.isStatic(), new WeakReference<>(loader));
    }

    /** Constructors, initializers, abstract, native, bridge and synthetic methods never match (docs/rules.md, "Method selectors"). */
    static boolean isWeavable(MethodDescription method) {
        return method.isMethod() && !method.isAbstract() && !method.isNative() && !method.isBridge() && !method.isSynthetic();
    }
}
