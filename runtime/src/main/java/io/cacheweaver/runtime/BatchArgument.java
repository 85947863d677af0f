package io.cacheweaver.runtime;

import java.lang.reflect.Array;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The batch argument of a call (a collection or an array) as elements, and the argument the body
 * runs with instead when only some elements are missing: a new collection of the same kind as the
 * caller's (a {@code List} stays a {@code List}, a {@code Set} a {@code Set}, a {@code TreeSet}
 * keeps its comparator), or an array of the same component type. The caller's own collection is
 * never modified.
 */
final class BatchArgument {
    private BatchArgument() {
    }

    /** The elements, in iteration order; {@code null} when the argument is neither a collection nor an array. */
    static Object[] elements(Object argument) {
        if (argument instanceof Collection<?> collection) {
            return collection.toArray();
        }
        if (argument != null && argument.getClass().isArray()) {
            int length = Array.getLength(argument);
            Object[] elements = new Object[length];
            for (int i = 0; i < length; i++) {
                elements[i] = Array.get(argument, i); // primitives boxed
            }
            return elements;
        }
        return null;
    }

    /**
     * A new argument like {@code original} holding {@code elements}, or {@code null} when none can
     * be built that {@code parameterType} accepts (the body then runs with the caller's argument).
     */
    static Object replacement(Object original, List<Object> elements, Class<?> parameterType) {
        Object built = original.getClass().isArray() ? array(original, elements) : collection(original, elements);
        return built != null && parameterType.isInstance(built) ? built : null;
    }

    private static Object array(Object original, List<Object> elements) {
        Class<?> component = original.getClass().getComponentType();
        Object array = Array.newInstance(component, elements.size());
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) == null && component.isPrimitive()) {
                return null;
            }
            Array.set(array, i, elements.get(i));
        }
        return array;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object collection(Object original, List<Object> elements) {
        Class<?> type = original.getClass();
        Collection built;
        if (type == LinkedList.class) {
            built = new LinkedList<>();
        } else if (original instanceof SortedSet<?> sorted) {
            built = new TreeSet<>(sorted.comparator()); // same order, same notion of equality
        } else if (original instanceof Set<?>) {
            built = new LinkedHashSet<>(); // also a HashSet
        } else if (original instanceof List<?>) {
            built = new ArrayList<>();
        } else if (original instanceof Queue<?> && !elements.contains(null)) {
            built = new ArrayDeque<>();
        } else {
            built = new ArrayList<>();
        }
        try {
            built.addAll(elements);
        } catch (RuntimeException refused) { // a comparator that cannot order these elements
            return null;
        }
        return built;
    }
}
