package io.cacheweaver.agent.paths;

import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.expr.Expr;
import io.cacheweaver.rules.expr.PropertyNaming;
import io.cacheweaver.runtime.expr.CompileException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Checks the {@code .property} steps of a rule's expressions against the woven method's types,
 * from class files alone (no class is loaded), so that {@code {customer.idd}} is an error when
 * the class is woven — naming the rule, the expression and what is available — rather than at
 * the first call. Types whose class file cannot be read, {@code Object} and type variables are
 * not checked further: the runtime resolves those against the loaded classes.
 */
public final class PropertyCheck {
    private PropertyCheck() {
    }

    /** Every path of every expression of {@code rule}; {@code roots}: the static type a root has ({@code null}: unknown). */
    public static void check(Rule rule, Function<Expr.Root, TypeView> roots) throws CompileException {
        for (String yamlKey : Rule.EXPRESSION_KEYS) {
            for (Expr.Path path : rule.paths(yamlKey)) {
                try {
                    check(path, path.steps().isEmpty() ? null : roots.apply(path.root()));
                } catch (CompileException e) {
                    throw e.in(yamlKey);
                }
            }
        }
    }

    /**
     * The static type a path's root has in a woven method, or {@code null} when it cannot be known
     * here (the runtime reports bad roots). {@code parameterNames}: one per parameter, {@code null}
     * where the class file has no name; {@code parameterType}: the type of parameter {@code i}.
     */
    public static TypeView rootType(Expr.Root root, TypeView owner, Supplier<TypeView> returned, List<String> parameterNames,
                                    IntFunction<TypeView> parameterType) {
        if (root instanceof Expr.This) {
            return owner;
        }
        if (root instanceof Expr.Result) {
            TypeView result = returned.get();
            boolean future = result.name().equals("java.util.concurrent.CompletableFuture")
                    || result.name().equals("java.util.concurrent.CompletionStage");
            return future ? null : result; // for futures, result is the completed value: checked at first call
        }
        int index = -1;
        if (root instanceof Expr.Argument argument) {
            index = argument.index();
        } else if (root instanceof Expr.Parameter parameter) {
            index = parameterNames.lastIndexOf(parameter.name());
        }
        return index >= 0 && index < parameterNames.size() ? parameterType.apply(index) : null;
    }

    /** Checks the steps of {@code path} from {@code root}, the static type its root has ({@code null}: unknown). */
    public static void check(Expr.Path path, TypeView root) throws CompileException {
        TypeView type = root;
        for (Expr.Step step : path.steps()) {
            if (type == null || type.isOpaque()) {
                return;
            }
            try {
                type = stepType(type, step);
            } catch (RuntimeException unresolvable) {
                return; // a type whose class file cannot be read: leave it to the runtime
            }
            if (type == null) {
                throw new CompileException("\"" + path.text() + "\": " + describe(step) + "; available: "
                        + available(typeOf(path, root, step)));
            }
        }
    }

    /** What the step returns, or {@code null} when the type has no such property or method. */
    private static TypeView stepType(TypeView type, Expr.Step step) {
        if (type.isPrimitive()) {
            return null;
        }
        for (String candidate : PropertyNaming.methodNames(step)) {
            TypeView.Member m = zeroArg(type, candidate);
            if (m != null && (!PropertyNaming.needsBoolean(step, candidate) || m.returnsBoolean())) {
                return m.type().get();
            }
        }
        if (!step.call()) {
            for (TypeView t = type; t != null; t = t.superClass()) {
                for (TypeView.Member field : t.fields()) {
                    if (field.name().equals(step.name()) && field.isPublic() && !field.isStatic()) {
                        return field.type().get();
                    }
                }
            }
        }
        return null;
    }

    private static TypeView.Member zeroArg(TypeView type, String name) {
        for (TypeView t : hierarchy(type)) {
            for (TypeView.Member m : t.methods()) {
                if (m.name().equals(name) && m.parameterCount() == 0 && !m.isStatic() && !m.returnsVoid()) {
                    return m;
                }
            }
        }
        return null;
    }

    /** The type, its superclasses, all their interfaces, and Object (interfaces are still Objects). */
    private static List<TypeView> hierarchy(TypeView type) {
        List<TypeView> all = new ArrayList<>();
        List<TypeView> pending = new ArrayList<>(List.of(type));
        while (!pending.isEmpty()) {
            TypeView next = pending.remove(0);
            if (all.stream().noneMatch(seen -> seen.name().equals(next.name()))) {
                all.add(next);
                if (next.superClass() != null) {
                    pending.add(next.superClass());
                }
                pending.addAll(next.interfaces());
            }
        }
        all.add(type.object());
        return all;
    }

    private static String describe(Expr.Step step) {
        return step.call() ? "no method " + step.name() + "()" : "no property \"" + step.name() + "\"";
    }

    /** Re-walks the path to the type that lacked the step, for the message. */
    private static TypeView typeOf(Expr.Path path, TypeView root, Expr.Step failed) {
        TypeView type = root;
        for (Expr.Step step : path.steps()) {
            if (step == failed) {
                return type;
            }
            type = stepType(type, step);
        }
        return type;
    }

    private static String available(TypeView type) {
        if (type.isPrimitive()) {
            return "nothing (" + type.typeName() + " is a primitive)";
        }
        TreeSet<String> names = new TreeSet<>();
        for (TypeView t : hierarchy(type)) {
            if (t.name().equals("java.lang.Object")) {
                continue;
            }
            for (TypeView.Member m : t.methods()) {
                if (m.isConstructor() || m.parameterCount() != 0 || m.isStatic() || m.returnsVoid() || !m.isPublic()) {
                    continue;
                }
                names.add(PropertyNaming.stepFor(m.name()));
            }
            for (TypeView.Member f : t.fields()) {
                if (f.isPublic() && !f.isStatic()) {
                    names.add(f.name());
                }
            }
        }
        return (names.isEmpty() ? "(none)" : String.join(", ", names)) + " of " + type.typeName();
    }
}
