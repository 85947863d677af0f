package io.cacheweaver.runtime.expr;

import java.lang.reflect.Array;

/**
 * The text of one value inside a key (or tag): how {@link KeyTemplate} renders a placeholder's
 * value so that rendered keys stay injective. Arrays and iterables render as {@code [a,b]} with
 * their own elements escaped, then escaped as a whole like any other text.
 */
final class ValueText {
    private static final String ELEMENT_SPECIALS = "\\,[]";

    private ValueText() {
    }

    /** Renders one value, escaping {@code specials} (the backslash among them); {@code null} is {@code \N}. */
    static void append(StringBuilder out, Object value, String specials) {
        if (value == null) {
            out.append(KeyTemplate.NULL);
        } else if (value instanceof String s) {
            escape(out, s, specials);
        } else if (isIntegral(value) && !specialsInNumbers(specials)) {
            out.append(((Number) value).longValue()); // same text as String.valueOf, without the temporary string
        } else if (value.getClass().isArray()) {
            escape(out, renderElements(value), specials);
        } else if (value instanceof Iterable<?> iterable) {
            StringBuilder inner = new StringBuilder("[");
            boolean first = true;
            for (Object element : iterable) {
                if (!first) {
                    inner.append(',');
                }
                first = false;
                append(inner, element, ELEMENT_SPECIALS);
            }
            escape(out, inner.append(']').toString(), specials);
        } else {
            escape(out, String.valueOf(value), specials);
        }
    }

    private static String renderElements(Object array) {
        StringBuilder inner = new StringBuilder("[");
        int length = Array.getLength(array);
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                inner.append(',');
            }
            append(inner, Array.get(array, i), ELEMENT_SPECIALS);
        }
        return inner.append(']').toString();
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    /** Whether a number's text ({@code -} and digits) could contain a character that must be escaped. */
    private static boolean specialsInNumbers(String specials) {
        for (int i = 0; i < specials.length(); i++) {
            char c = specials.charAt(i);
            if (c == '-' || (c >= '0' && c <= '9')) {
                return true;
            }
        }
        return false;
    }

    static boolean needsEscape(String s, String specials) {
        for (int i = 0; i < s.length(); i++) {
            if (specials.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static void escape(StringBuilder out, String s, String specials) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (specials.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
    }
}
