package io.cacheweaver.runtime;

import io.cacheweaver.runtime.expr.KeyTemplate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.Map;

/**
 * The two ends of a batch call's result: which element each value the body returned belongs to
 * (by {@code resultKey}, or the keys of a {@code Map} result), and the result the caller gets,
 * assembled in the order of the caller's elements: a {@code List} or {@code Collection} lists the
 * values, a {@code Set} is a {@code LinkedHashSet} in that order, a {@code Map} a
 * {@code LinkedHashMap}. Elements without a value are absent.
 */
final class BatchResult {
    /** The identity of a {@code null} element (and of values whose {@code resultKey} is {@code null}). */
    static final Object NULL = new Object();

    private BatchResult() {
    }

    /**
     * The values of the body's result by element identity ({@link #identity}); the first value of
     * an element wins. {@code resultKey} renders a value's element (with {@code it} the value, at
     * {@code argsWithIt[itIndex]}); unused for a {@code Map} result.
     */
    static Map<Object, Object> byElement(Object result, BatchShape.ResultKind kind, KeyTemplate resultKey, Object self,
                                         Object[] argsWithIt, int itIndex) {
        Map<Object, Object> values = new HashMap<>();
        if (kind == BatchShape.ResultKind.MAP && result instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getValue() != null) {
                    values.putIfAbsent(identity(entry.getKey()), entry.getValue());
                }
            }
        } else if (result instanceof Collection<?> collection) {
            for (Object value : collection) {
                if (value != null) {
                    argsWithIt[itIndex] = value;
                    Object element;
                    try {
                        element = resultKey.render(self, argsWithIt, null);
                    } catch (RuntimeException unreadable) {
                        continue; // a value whose element cannot be told belongs to none
                    }
                    values.putIfAbsent(identity(element), value);
                }
            }
        }
        return values;
    }

    /**
     * What makes a value belong to an element: the canonical form of its text, so that an {@code int}
     * id returned for a {@code long} element, or a {@code String} "42", still matches (whole numbers
     * are their {@code Long}, as keys are).
     */
    static Object identity(Object element) {
        if (element == null) {
            return NULL;
        }
        if (element instanceof Long || element instanceof Integer || element instanceof Short || element instanceof Byte) {
            return ((Number) element).longValue();
        }
        return KeyTemplate.canonical(element instanceof String s ? s : String.valueOf(element));
    }

    /** The caller's result: {@code values[i]} for {@code elements[i]} where {@code present[i]}, in order. */
    static Object assemble(BatchShape.ResultKind kind, Object[] elements, Object[] values, boolean[] present) {
        switch (kind) {
            case MAP -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < elements.length; i++) {
                    if (present[i]) {
                        map.putIfAbsent(elements[i], values[i]);
                    }
                }
                return map;
            }
            case SET -> {
                Collection<Object> set = new LinkedHashSet<>();
                add(set, values, present);
                return set;
            }
            case LINKED_LIST -> {
                Collection<Object> list = new LinkedList<>();
                add(list, values, present);
                return list;
            }
            default -> {
                Collection<Object> list = new ArrayList<>(elements.length);
                add(list, values, present);
                return list;
            }
        }
    }

    private static void add(Collection<Object> into, Object[] values, boolean[] present) {
        for (int i = 0; i < values.length; i++) {
            if (present[i]) {
                into.add(values[i]);
            }
        }
    }
}
