package io.cacheweaver.runtime.expr;

import java.lang.reflect.Array;
import java.util.List;

/**
 * Renders a cache key. Keys are injective: every character of a value that could be mistaken
 * for template text (any character that occurs in the template's literal parts, plus the
 * backslash) is escaped with a backslash, and {@code null} renders as {@code \N}, which no
 * escaped value can produce. With placeholders never adjacent (the rules loader rejects
 * {@code {a}{b}}), the rendered text can be split back into its values, so two different
 * argument lists never share a key.
 */
public final class KeyTemplate {
    static final String NULL = "\\N";
    private static final String ELEMENT_SPECIALS = "\\,[]";

    private final Object[] parts; // String literal or Node
    private final String specials;
    private final Node single;    // non-null for "{x}": the common case, rendered without a builder
    private final boolean firstArgument; // "{0}"/"{id}" of the first parameter, or the default key of one argument
    private final Node[] commaSeparated; // non-null for "{a},{b}…" and the default key: a CompositeKey, never a string
    private final boolean allArguments;  // the default key of two or more parameters: the argument array is the key's parts

    private KeyTemplate(Object[] parts, String specials, boolean allArguments) {
        this.parts = parts;
        this.specials = specials;
        this.single = parts.length == 1 && parts[0] instanceof Node node ? node : null;
        this.firstArgument = single instanceof PathNode path && path.root() == 0 && !path.hasSteps();
        this.commaSeparated = commaSeparated(parts);
        this.allArguments = allArguments && commaSeparated != null;
    }

    /** The placeholders of {@code {a},{b}…} (two or more, only commas between them), else {@code null}. */
    private static Node[] commaSeparated(Object[] parts) {
        if (parts.length < 3 || parts.length % 2 == 0) {
            return null;
        }
        Node[] nodes = new Node[parts.length / 2 + 1];
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 0 ? !(parts[i] instanceof Node) : !",".equals(parts[i])) {
                return null;
            }
            if (i % 2 == 0) {
                nodes[i / 2] = (Node) parts[i];
            }
        }
        return nodes;
    }

    static KeyTemplate of(List<Object> parts) {
        StringBuilder specials = new StringBuilder("\\");
        for (Object part : parts) {
            if (part instanceof String literal) {
                for (char c : literal.toCharArray()) {
                    if (specials.indexOf(String.valueOf(c)) < 0) {
                        specials.append(c);
                    }
                }
            }
        }
        return new KeyTemplate(parts.toArray(), specials.toString(), false);
    }

    /** Every argument, separated by commas (escaped inside values). */
    static KeyTemplate allArguments(int count) {
        Object[] parts = new Object[Math.max(1, count * 2 - 1)];
        if (count == 0) {
            parts[0] = "";
            return new KeyTemplate(parts, "\\", false);
        }
        for (int i = 0; i < count; i++) {
            parts[i * 2] = PathNode.of(i, new java.lang.invoke.MethodHandle[0]);
            if (i + 1 < count) {
                parts[i * 2 + 1] = ",";
            }
        }
        return new KeyTemplate(parts, "\\,", true);
    }

    /**
     * The key as the local layer stores it: {@link #canonical} of the rendered text, computed
     * without rendering where the value alone decides it (a whole number is its {@code Long}).
     */
    public Object localKey(Object self, Object[] args, Object result) {
        if (single != null) {
            Object direct = directKey(single.eval(self, args, result));
            if (direct != null) {
                return direct;
            }
        }
        if (commaSeparated != null) {
            return compositeKey(self, args, result);
        }
        return canonical(render(self, args, result));
    }

    /**
     * {@link #canonical} of the rendered text without rendering it: for the default key the
     * argument array itself holds the parts when every argument is plain (no copy, one object).
     */
    private CompositeKey compositeKey(Object self, Object[] args, Object result) {
        if (allArguments && args != null && args.length == commaSeparated.length) {
            CompositeKey key = CompositeKey.ofPlainParts(args);
            if (key != null) {
                return key;
            }
        }
        Object[] values = new Object[commaSeparated.length];
        for (int i = 0; i < values.length; i++) {
            Object value = commaSeparated[i].eval(self, args, result);
            if (CompositeKey.isPlain(value)) {
                values[i] = value;
            } else {
                StringBuilder out = new StringBuilder(16);
                append(out, value, specials);
                values[i] = out.toString();
            }
        }
        return CompositeKey.ofRendered(values);
    }

    /** True when the key is just the first argument: {@link #localKeyOfArgument} then needs no argument array. */
    public boolean isFirstArgument() {
        return firstArgument;
    }

    /** {@link #localKey} for a template that {@link #isFirstArgument}, given that argument. */
    public Object localKeyOfArgument(Object argument) {
        Object direct = directKey(argument);
        if (direct != null) {
            return direct;
        }
        StringBuilder out = new StringBuilder(16);
        append(out, argument, specials);
        return canonical(out.toString());
    }

    /** The canonical key of a single-placeholder value when no rendering is needed, else {@code null}. */
    private Object directKey(Object value) {
        if (value instanceof Long) {
            return value; // "{id}" with a long id: the boxed argument is the key, nothing allocated
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Long.valueOf(((Number) value).longValue());
        }
        if (value instanceof String s && !needsEscape(s, specials)) {
            return canonical(s);
        }
        return null;
    }

    /**
     * Local-layer keys are canonical: a rendered text that is a whole number in canonical form
     * ({@code 0}, {@code 42}, {@code -7}; no sign on zero, no leading zeros) becomes its
     * {@code Long}, a text with a comma no backslash escapes becomes its {@link CompositeKey}
     * (the default key of several arguments, {@code "{a},{b}"}), any other text stays a
     * {@code String}. This is a bijection with the text, so
     * two keys are equal exactly when their texts are — whatever produced them (a {@code long},
     * an {@code int}, a {@code String}, an invalidation message or an operator's JMX call) — while
     * the common numeric key needs no string at all.
     */
    public static Object canonical(String text) {
        return CompositeKey.isComposite(text) ? CompositeKey.parse(text) : canonicalScalar(text);
    }

    /** {@link #canonical} of a text with no unescaped comma: a {@code Long} or the text. */
    static Object canonicalScalar(String text) {
        int length = text.length();
        if (length == 0 || length > 20) {
            return text;
        }
        int start = text.charAt(0) == '-' ? 1 : 0;
        if (start == length || text.charAt(start) < '0' || text.charAt(start) > '9'
                || text.charAt(start) == '0' && (length > start + 1 || start == 1)) {
            return text;
        }
        for (int i = start + 1; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return text;
            }
        }
        try {
            return Long.valueOf(Long.parseLong(text));
        } catch (NumberFormatException outOfRange) {
            return text;
        }
    }

    /** The text of a canonical key: what Redis and invalidation messages use. */
    public static String text(Object key) {
        if (key instanceof Long number) {
            return Long.toString(number);
        }
        return key instanceof CompositeKey composite ? composite.text() : (String) key;
    }

    public String render(Object self, Object[] args, Object result) {
        if (single != null) {
            Object value = single.eval(self, args, result);
            if (value instanceof String s && !needsEscape(s, specials)) {
                return s; // no copy on the hot path
            }
            if (isPlainScalar(value)) {
                String s = String.valueOf(value); // what append() would escape; skip the builder and its copy
                if (!needsEscape(s, specials)) {
                    return s;
                }
            }
            StringBuilder out = new StringBuilder(16);
            append(out, value, specials);
            return out.toString();
        }
        StringBuilder out = new StringBuilder(32);
        for (Object part : parts) {
            if (part instanceof String literal) {
                out.append(literal);
            } else {
                append(out, ((Node) part).eval(self, args, result), specials);
            }
        }
        return out.toString();
    }

    /**
     * Values that {@link #append} renders as {@code String.valueOf(value)}: boxed primitives only,
     * whose text never needs a builder of its own (hot-path shortcut for {@code "{id}"} keys).
     */
    private static boolean isPlainScalar(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof Boolean || value instanceof Character;
    }

    /** Renders one value; exposed so operators' key text (JMX invalidate) can be produced the same way. */
    public static void append(StringBuilder out, Object value, String specials) {
        if (value == null) {
            out.append(NULL);
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

    private static boolean needsEscape(String s, String specials) {
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
