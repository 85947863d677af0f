package io.cacheweaver.runtime;

import io.cacheweaver.rules.Action;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.expr.Template;
import io.cacheweaver.runtime.expr.CallSignature;
import io.cacheweaver.runtime.expr.CompileException;
import io.cacheweaver.runtime.expr.ExpressionCompiler;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a batch rule ({@code each}, rules-v1 §6) needs of its method, checked from names alone when
 * the method is woven (and by {@code validate --classpath}), plus the type facts the compiler
 * reads from the loaded method. Templates of a batch rule see the method's parameters and one
 * more name, {@code it}: the element (in {@code key} and {@code value}) or a returned value (in
 * {@code resultKey}).
 */
final class BatchShape {
    static final String ELEMENT = "it";
    static final String ALLOWED_RESULTS = "List, Set, Collection or Map (or ArrayList, LinkedList, HashSet, LinkedHashSet,"
            + " HashMap, LinkedHashMap)";

    /** The result a batch cache call assembles, by the method's declared return type. */
    enum ResultKind { LIST, LINKED_LIST, SET, MAP }

    private static final Map<String, ResultKind> RESULTS = Map.of(
            "java.util.List", ResultKind.LIST, "java.util.Collection", ResultKind.LIST, "java.util.ArrayList", ResultKind.LIST,
            "java.util.LinkedList", ResultKind.LINKED_LIST,
            "java.util.Set", ResultKind.SET, "java.util.HashSet", ResultKind.SET, "java.util.LinkedHashSet", ResultKind.SET,
            "java.util.Map", ResultKind.MAP, "java.util.HashMap", ResultKind.MAP, "java.util.LinkedHashMap", ResultKind.MAP);

    /** Parameter types known not to be collections: an error from names alone. */
    private static final Set<String> NOT_COLLECTIONS = Set.of("boolean", "byte", "short", "char", "int", "long", "float",
            "double", "java.lang.String", "java.lang.Object", "java.lang.Long", "java.lang.Integer", "java.util.Map",
            "java.util.HashMap", "java.util.Optional", "java.lang.Iterable", "java.util.Iterator", "java.util.stream.Stream");

    private BatchShape() {
    }

    static ResultKind resultKind(String returnType) {
        return RESULTS.get(returnType);
    }

    /** Everything {@link SiteCompiler#checkShape} checks, for a batch rule. */
    static void check(Rule rule, MethodShape shape) throws CompileException {
        int each = eachIndex(rule, shape.parameterNames());
        String parameterType = shape.parameterTypes().get(each);
        if (NOT_COLLECTIONS.contains(parameterType)) {
            throw new CompileException("each names parameter " + describe(shape, each) + " of type " + parameterType
                    + "; each needs a parameter holding a Collection (List, Set, ...) or an array").in("each");
        }
        if (rule.action() == Action.CACHE) {
            ResultKind kind = resultKind(shape.returnType());
            if (kind == null) {
                throw new CompileException("a batch cache rule needs a " + ALLOWED_RESULTS + " result; " + shape.display()
                        + " returns " + shape.returnType()).in("each");
            }
            if (kind == ResultKind.MAP && rule.resultKey() != null) {
                throw new CompileException("resultKey is not used with a Map result: the map's keys are the elements;"
                        + " remove it").in("resultKey");
            }
            if (kind != ResultKind.MAP && rule.resultKey() == null) {
                throw new CompileException("a batch cache rule on a method returning " + shape.returnType()
                        + " needs resultKey: which element a returned value belongs to (e.g. resultKey: \"{it.id}\")")
                        .in("each");
            }
        }
        ExpressionCompiler names = new ExpressionCompiler(signature(shape.parameterNames(), null, null, shape.isStatic(), null));
        ExpressionCompiler withResult = new ExpressionCompiler(signature(shape.parameterNames(), null, null, shape.isStatic(),
                Object.class));
        check("key", rule.key(), names);
        check("value", rule.value(), withResult);
        check("resultKey", rule.resultKey(), names);
        if (rule.when() != null) {
            try {
                new ExpressionCompiler(new CallSignature(shape.parameterNames(), null, null, shape.isStatic(), null))
                        .checkRoots(rule.when().expr());
            } catch (CompileException e) {
                throw e.in("when");
            }
        }
        if (rule.unless() != null) {
            try {
                new ExpressionCompiler(new CallSignature(shape.parameterNames(), null, null, shape.isStatic(), Object.class))
                        .checkRoots(rule.unless().expr());
            } catch (CompileException e) {
                throw e.in("unless");
            }
        }
    }

    private static void check(String yamlKey, Template template, ExpressionCompiler compiler) throws CompileException {
        if (template != null) {
            try {
                compiler.checkRoots(template);
            } catch (CompileException e) {
                throw e.in(yamlKey);
            }
        }
    }

    /** The index of the {@code each} parameter. */
    static int eachIndex(Rule rule, List<String> parameterNames) throws CompileException {
        String each = rule.each();
        if (!each.isEmpty() && each.chars().allMatch(Character::isDigit)) {
            int index = each.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(each);
            if (index >= parameterNames.size()) {
                throw new CompileException("each: no parameter at position " + each + "; available: "
                        + available(parameterNames)).in("each");
            }
            return index;
        }
        int index = parameterNames.indexOf(each);
        if (index < 0) {
            throw new CompileException("each: no parameter named \"" + each + "\"; available: " + available(parameterNames)
                    + (parameterNames.contains(null) ? " (compile with -parameters or -g to use names)" : "")).in("each");
        }
        return index;
    }

    /** The method's parameters and {@code it} after them. */
    static CallSignature signature(List<String> parameterNames, Class<?>[] parameterTypes, Class<?> declaringClass,
                                   boolean isStatic, Class<?> resultType, Class<?> element) {
        List<String> names = new ArrayList<>(parameterNames);
        names.add(ELEMENT);
        Class<?>[] types = null;
        if (parameterTypes != null) {
            types = java.util.Arrays.copyOf(parameterTypes, parameterTypes.length + 1);
            types[parameterTypes.length] = element;
        }
        return new CallSignature(names, types, declaringClass, isStatic, resultType);
    }

    private static CallSignature signature(List<String> parameterNames, Class<?>[] parameterTypes, Class<?> declaringClass,
                                           boolean isStatic, Class<?> resultType) {
        return signature(parameterNames, parameterTypes, declaringClass, isStatic, resultType, Object.class);
    }

    /** {@code T} of {@code Collection<T>} / {@code T[]}, or of a {@code List<T>} result; {@code V} of {@code Map<K, V>}. */
    static Type elementType(Type declared, boolean mapValue) {
        if (declared instanceof Class<?> c && c.isArray()) {
            return c.getComponentType();
        }
        if (declared instanceof GenericArrayType array) {
            return array.getGenericComponentType();
        }
        if (declared instanceof ParameterizedType parameterized) {
            Type[] arguments = parameterized.getActualTypeArguments();
            Type argument = arguments[mapValue ? arguments.length - 1 : 0];
            return argument instanceof Class<?> || argument instanceof ParameterizedType || argument instanceof GenericArrayType
                    ? argument : Object.class;
        }
        return Object.class;
    }

    static Class<?> erasure(Type type) {
        if (type instanceof Class<?> c) {
            return Types.boxed(c);
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        if (type instanceof GenericArrayType) {
            return Object[].class;
        }
        return Object.class;
    }

    private static String describe(MethodShape shape, int index) {
        String name = shape.parameterNames().get(index);
        return name == null ? String.valueOf(index) : name;
    }

    private static String available(List<String> names) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(names.get(i) == null ? "" : names.get(i) + " or ").append(i);
        }
        return out.length() == 0 ? "none (the method has no parameters)" : out.toString();
    }
}
