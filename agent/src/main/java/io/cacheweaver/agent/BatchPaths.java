package io.cacheweaver.agent;

import io.cacheweaver.agent.paths.BatchCheck;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.runtime.expr.CompileException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * {@link BatchCheck} when Byte Buddy weaves: the {@code each} parameter and the element types
 * from Byte Buddy's descriptions (generic types included) of the woven method.
 */
final class BatchPaths {
    private BatchPaths() {
    }

    static void check(Rule rule, TypeDescription owner, MethodDescription method) throws CompileException {
        BatchCheck.check(rule, eachParameter(rule, method), () -> ByteBuddyType.of(elementOf(method.getReturnType())),
                root -> PropertyPaths.rootType(root, owner, method));
    }

    private static BatchCheck.EachParameter eachParameter(Rule rule, MethodDescription method) {
        List<String> names = new ArrayList<>();
        for (ParameterDescription parameter : method.getParameters()) {
            names.add(parameter.isNamed() ? parameter.getName() : null);
        }
        int index = BatchCheck.eachIndex(rule.each(), names);
        if (index < 0) {
            return null;
        }
        ParameterDescription parameter = method.getParameters().get(index);
        TypeDescription.Generic type = parameter.getType();
        return new BatchCheck.EachParameter(parameter.isNamed() ? parameter.getName() : String.valueOf(index),
                type.asErasure().getName(), holdsElements(type), ByteBuddyType.of(elementOf(type)));
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
