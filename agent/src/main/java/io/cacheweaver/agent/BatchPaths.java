package io.cacheweaver.agent;

import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.expr.Expr;
import io.cacheweaver.runtime.expr.CompileException;
import java.util.Collection;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * {@link PropertyPaths} for batch rules ({@code each}), from class files alone: the {@code each}
 * parameter must hold a Collection or an array, and {@code {it.x}} is checked against the element
 * type ({@code key}, {@code value}: {@code Collection<Long>} → {@code Long}) or the returned value
 * type ({@code resultKey}: {@code List<Product>} → {@code Product}). Types that cannot be told
 * from the declarations (raw types, type variables) are left to the runtime.
 */
final class BatchPaths {
    private static final String ELEMENT = "it";

    private BatchPaths() {
    }

    static void check(Rule rule, TypeDescription owner, MethodDescription method) throws CompileException {
        ParameterDescription parameter = eachParameter(rule, method);
        if (parameter == null) {
            return; // the runtime's check names what is available
        }
        TypeDescription.Generic type = parameter.getType();
        if (!holdsElements(type)) {
            throw new CompileException("each names parameter " + (parameter.isNamed() ? parameter.getName() : parameter.getIndex())
                    + " of type " + type.asErasure().getName()
                    + "; each needs a parameter holding a Collection (List, Set, ...) or an array").in("each");
        }
        TypeDefinition element = elementOf(type);
        check(rule, "key", owner, method, element);
        check(rule, "value", owner, method, element);
        check(rule, "resultKey", owner, method, elementOf(method.getReturnType()));
        check(rule, "when", owner, method, null);
        check(rule, "unless", owner, method, null);
    }

    private static void check(Rule rule, String yamlKey, TypeDescription owner, MethodDescription method, TypeDefinition element)
            throws CompileException {
        for (Expr.Path path : rule.paths(yamlKey)) {
            try {
                if (path.root() instanceof Expr.Parameter p && p.name().equals(ELEMENT)) {
                    PropertyPaths.check(path, element);
                } else {
                    PropertyPaths.check(path, owner, method);
                }
            } catch (CompileException e) {
                throw e.in(yamlKey);
            }
        }
    }

    private static ParameterDescription eachParameter(Rule rule, MethodDescription method) {
        List<? extends ParameterDescription> parameters = method.getParameters();
        String each = rule.each();
        if (each.chars().allMatch(Character::isDigit)) {
            int index = each.length() > 9 ? -1 : Integer.parseInt(each);
            return index >= 0 && index < parameters.size() ? parameters.get(index) : null;
        }
        for (ParameterDescription parameter : parameters) {
            if (parameter.isNamed() && parameter.getName().equals(each)) {
                return parameter;
            }
        }
        return null;
    }

    private static boolean holdsElements(TypeDescription.Generic type) {
        try {
            return type.isArray() || type.asErasure().isAssignableTo(Collection.class);
        } catch (RuntimeException unresolvable) {
            return true; // a type the pool cannot read: the runtime checks the loaded class
        }
    }

    /** The element type of {@code T[]}, {@code Collection<T>}, {@code List<T>}; {@code null} when not declared. */
    private static TypeDefinition elementOf(TypeDescription.Generic type) {
        try {
            if (type.isArray()) {
                return type.getComponentType().asErasure();
            }
            if (type.getSort() == TypeDefinition.Sort.PARAMETERIZED && type.getTypeArguments().size() == 1) {
                TypeDescription.Generic argument = type.getTypeArguments().get(0);
                return argument.getSort() == TypeDefinition.Sort.NON_GENERIC || argument.getSort() == TypeDefinition.Sort.PARAMETERIZED
                        ? argument.asErasure() : null;
            }
        } catch (RuntimeException unresolvable) {
            return null;
        }
        return null;
    }
}
