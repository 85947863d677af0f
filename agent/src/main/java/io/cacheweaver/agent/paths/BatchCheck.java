package io.cacheweaver.agent.paths;

import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.expr.Expr;
import io.cacheweaver.runtime.expr.CompileException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link PropertyCheck} for batch rules ({@code each}), shared by both weavers: the {@code each}
 * parameter must hold a Collection or an array, and {@code {it.x}} is checked against the element
 * type ({@code key}, {@code value}: {@code Collection<Long>} → {@code Long}) or the returned value
 * type ({@code resultKey}: {@code List<Product>} → {@code Product}). Types that cannot be told
 * from the declarations (raw types, type variables) are left to the runtime.
 */
public final class BatchCheck {
    private static final String ELEMENT = "it";
    private static final String COLLECTION = "java.util.Collection";

    /**
     * The parameter {@code each} names. {@code shown}: its name, or its index when the class file
     * has no name; {@code typeName}: its type's erasure; {@code element}: the declared element type,
     * {@code null} when not declared.
     */
    public record EachParameter(String shown, String typeName, boolean holdsElements, TypeView element) {
    }

    private BatchCheck() {
    }

    /**
     * {@code each}: the parameter the rule names, {@code null} when none (the runtime's check names
     * what is available); {@code resultElement}: the element type of the returned value, or null;
     * {@code roots}: the static type of every other root, as for {@link PropertyCheck#check(Rule, Function)}.
     */
    public static void check(Rule rule, EachParameter each, Supplier<TypeView> resultElement,
                             Function<Expr.Root, TypeView> roots) throws CompileException {
        if (each == null) {
            return;
        }
        if (!each.holdsElements()) {
            throw new CompileException("each names parameter " + each.shown() + " of type " + each.typeName()
                    + "; each needs a parameter holding a Collection (List, Set, ...) or an array").in("each");
        }
        check(rule, "key", () -> each.element(), roots);
        check(rule, "value", () -> each.element(), roots);
        check(rule, "resultKey", resultElement, roots);
        check(rule, "when", () -> null, roots);
        check(rule, "unless", () -> null, roots);
    }

    private static void check(Rule rule, String yamlKey, Supplier<TypeView> element, Function<Expr.Root, TypeView> roots)
            throws CompileException {
        for (Expr.Path path : rule.paths(yamlKey)) {
            try {
                boolean isElement = path.root() instanceof Expr.Parameter p && p.name().equals(ELEMENT);
                PropertyCheck.check(path, isElement ? element.get() : roots.apply(path.root()));
            } catch (CompileException e) {
                throw e.in(yamlKey);
            }
        }
    }

    /** The index of the parameter {@code each} names (a name, or an index in digits), or -1. */
    public static int eachIndex(String each, List<String> parameterNames) {
        if (each.chars().allMatch(Character::isDigit)) {
            int index = each.length() > 9 ? -1 : Integer.parseInt(each);
            return index < parameterNames.size() ? index : -1;
        }
        return parameterNames.indexOf(each);
    }

    /** An array, or a type that is a {@code java.util.Collection}; a type whose class file cannot be read counts as one. */
    public static boolean holdsElements(TypeView type) {
        if (type.name().endsWith("[]")) {
            return true;
        }
        try {
            List<TypeView> pending = new ArrayList<>(List.of(type));
            while (!pending.isEmpty()) {
                TypeView next = pending.remove(pending.size() - 1);
                if (next.name().equals(COLLECTION)) {
                    return true;
                }
                if (next.superClass() != null) {
                    pending.add(next.superClass());
                }
                pending.addAll(next.interfaces());
            }
            return false;
        } catch (RuntimeException unresolvable) {
            return true; // the runtime checks the loaded class
        }
    }
}
