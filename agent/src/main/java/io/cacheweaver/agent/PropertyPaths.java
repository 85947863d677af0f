package io.cacheweaver.agent;

import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.expr.Expr;
import io.cacheweaver.rules.expr.PropertyNaming;
import io.cacheweaver.runtime.expr.CompileException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Checks the {@code .property} steps of a rule's expressions against the woven method's types,
 * from class files alone (no class is loaded), so that {@code {customer.idd}} is an error when
 * the class is woven — naming the rule, the expression and what is available — rather than at
 * the first call. Types the pool cannot see, {@code Object} and type variables are not checked
 * further: the runtime resolves those against the loaded classes.
 */
final class PropertyPaths {
    private PropertyPaths() {
    }

    static void check(Rule rule, TypeDescription owner, MethodDescription method) throws CompileException {
        if (rule.isBatch()) {
            BatchPaths.check(rule, owner, method); // templates also see the element, {it}
            return;
        }
        for (String yamlKey : Rule.EXPRESSION_KEYS) {
            for (Expr.Path path : rule.paths(yamlKey)) {
                try {
                    check(path, owner, method);
                } catch (CompileException e) {
                    throw e.in(yamlKey);
                }
            }
        }
    }

    static void check(Expr.Path path, TypeDescription owner, MethodDescription method) throws CompileException {
        check(path, rootType(path.root(), owner, method));
    }

    /** Checks the steps of {@code path} from {@code root}, the static type its root has ({@code null}: unknown). */
    static void check(Expr.Path path, TypeDefinition root) throws CompileException {
        TypeDefinition type = root;
        for (Expr.Step step : path.steps()) {
            if (type == null || isOpaque(type)) {
                return;
            }
            try {
                type = stepType(type, step);
            } catch (RuntimeException unresolvable) {
                return; // a type the pool cannot read: leave it to the runtime
            }
            if (type == null) {
                throw new CompileException("\"" + path.text() + "\": " + describe(path, step) + "; available: "
                        + available(typeOf(path, root, step)));
            }
        }
    }

    /** The static type a path starts from; {@code null} when it cannot be known here (the runtime reports bad roots). */
    private static TypeDefinition rootType(Expr.Root root, TypeDescription owner, MethodDescription method) {
        if (root instanceof Expr.This) {
            return owner;
        }
        if (root instanceof Expr.Result) {
            TypeDescription returned = method.getReturnType().asErasure();
            boolean future = returned.getName().equals("java.util.concurrent.CompletableFuture")
                    || returned.getName().equals("java.util.concurrent.CompletionStage");
            return future ? null : returned; // for futures, result is the completed value: checked at first call
        }
        int index = -1;
        if (root instanceof Expr.Argument argument) {
            index = argument.index();
        } else if (root instanceof Expr.Parameter parameter) {
            for (int i = 0; i < method.getParameters().size(); i++) {
                if (method.getParameters().get(i).isNamed() && method.getParameters().get(i).getName().equals(parameter.name())) {
                    index = i;
                }
            }
        }
        return index >= 0 && index < method.getParameters().size() ? method.getParameters().get(index).getType().asErasure() : null;
    }

    private static boolean isOpaque(TypeDefinition type) {
        return type.represents(Object.class) || type.getSort() != TypeDefinition.Sort.NON_GENERIC;
    }

    /** What the step returns, or {@code null} when the type has no such property or method. */
    private static TypeDefinition stepType(TypeDefinition type, Expr.Step step) {
        if (type.isPrimitive()) {
            return null;
        }
        MethodDescription found = null;
        for (String candidate : PropertyNaming.methodNames(step)) {
            MethodDescription m = zeroArg(type, candidate);
            if (m != null && (!PropertyNaming.needsBoolean(step, candidate)
                    || m.getReturnType().represents(boolean.class) || m.getReturnType().represents(Boolean.class))) {
                found = m;
                break;
            }
        }
        if (found != null) {
            return found.getReturnType().asErasure();
        }
        if (!step.call()) {
            for (TypeDefinition t = type; t != null; t = t.getSuperClass() == null ? null : t.getSuperClass()) {
                for (FieldDescription field : t.getDeclaredFields()) {
                    if (field.getName().equals(step.name()) && field.isPublic() && !field.isStatic()) {
                        return field.getType().asErasure();
                    }
                }
            }
        }
        return null;
    }

    private static MethodDescription zeroArg(TypeDefinition type, String name) {
        for (TypeDefinition t : hierarchy(type)) {
            for (MethodDescription m : t.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameters().isEmpty() && !m.isStatic()
                        && !m.getReturnType().represents(void.class)) {
                    return m;
                }
            }
        }
        return null;
    }

    /** The type, its superclasses, all their interfaces, and Object (interfaces are still Objects). */
    private static List<TypeDefinition> hierarchy(TypeDefinition type) {
        List<TypeDefinition> all = new ArrayList<>();
        List<TypeDefinition> pending = new ArrayList<>(List.of(type));
        while (!pending.isEmpty()) {
            TypeDefinition next = pending.remove(0);
            if (all.stream().noneMatch(seen -> seen.asErasure().equals(next.asErasure()))) {
                all.add(next);
                if (next.getSuperClass() != null) {
                    pending.add(next.getSuperClass());
                }
                pending.addAll(next.getInterfaces());
            }
        }
        all.add(TypeDescription.ForLoadedType.of(Object.class));
        return all;
    }

    private static String describe(Expr.Path path, Expr.Step step) {
        return step.call() ? "no method " + step.name() + "()" : "no property \"" + step.name() + "\"";
    }

    /** Re-walks the path to the type that lacked the step, for the message. */
    private static TypeDefinition typeOf(Expr.Path path, TypeDefinition root, Expr.Step failed) {
        TypeDefinition type = root;
        for (Expr.Step step : path.steps()) {
            if (step == failed) {
                return type;
            }
            type = stepType(type, step);
        }
        return type;
    }

    private static String available(TypeDefinition type) {
        if (type.isPrimitive()) {
            return "nothing (" + type.getTypeName() + " is a primitive)";
        }
        TreeSet<String> names = new TreeSet<>();
        for (TypeDefinition t : hierarchy(type)) {
            if (t.represents(Object.class)) {
                continue;
            }
            for (MethodDescription m : t.getDeclaredMethods()) {
                if (!m.isMethod() || !m.getParameters().isEmpty() || m.isStatic() || m.getReturnType().represents(void.class)
                        || !m.isPublic()) {
                    continue;
                }
                names.add(PropertyNaming.stepFor(m.getName()));
            }
            for (FieldDescription f : t.getDeclaredFields()) {
                if (f.isPublic() && !f.isStatic()) {
                    names.add(f.getName());
                }
            }
        }
        return (names.isEmpty() ? "(none)" : String.join(", ", names)) + " of " + type.getTypeName();
    }
}
