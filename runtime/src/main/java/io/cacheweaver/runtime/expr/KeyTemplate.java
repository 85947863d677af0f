package io.cacheweaver.runtime.expr;

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

    private final Object[] parts; // String literal or Node
    private final String specials;
    private final Node single;    // non-null for "{x}": the common case, rendered without a builder
    private final boolean firstArgument; // "{0}"/"{id}" of the first parameter, or the default key of one argument
    private final Node[] commaSeparated; // non-null for "{a},{b}…" and the default key: a CompositeKey, never a string
    private final boolean allArguments;  // the default key of two or more parameters: the argument array is the key's parts
    private final int[] arguments;       // non-null when every placeholder is a bare argument ("{a},{b}", "{b}", the default key): their indexes

    private KeyTemplate(Object[] parts, String specials, boolean allArguments) {
        this.parts = parts;
        this.specials = specials;
        this.single = parts.length == 1 && parts[0] instanceof Node node ? node : null;
        this.firstArgument = single instanceof PathNode path && path.root() == 0 && !path.hasSteps();
        this.commaSeparated = commaSeparated(parts);
        this.allArguments = allArguments && commaSeparated != null;
        this.arguments = single != null ? bareArguments(new Node[] {single})
                : commaSeparated != null ? bareArguments(commaSeparated) : null;
    }

    /** The argument index of each node when all are step-less argument paths, else {@code null}. */
    private static int[] bareArguments(Node[] nodes) {
        int[] indexes = new int[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            if (!(nodes[i] instanceof PathNode path) || path.root() < 0 || path.hasSteps()) {
                return null;
            }
            indexes[i] = path.root();
        }
        return indexes;
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
            values[i] = part(commaSeparated[i].eval(self, args, result));
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
        ValueText.append(out, argument, specials);
        return canonical(out.toString());
    }

    /**
     * True when the key depends on the method's arguments alone, each placeholder a bare argument:
     * {@link #localKeyOfArguments} then needs no argument array.
     */
    public boolean isOfArguments() {
        return arguments != null;
    }

    /**
     * {@link #localKey} for a template that {@link #isOfArguments}, given the arguments of a method
     * with at most three parameters ({@code null} past its last one). Two or three comma-separated
     * parts become one {@link CompositeKey} object with the parts in fields; plain arguments are
     * kept as they are (a boxed {@code long} is its own part), others rendered as {@link #render}
     * would render them.
     */
    public Object localKeyOfArguments(Object first, Object second, Object third) {
        int[] at = arguments;
        if (commaSeparated == null) {
            return localKeyOfArgument(pick(at[0], first, second, third));
        }
        if (at.length == 2) {
            return CompositeKey.of(part(pick(at[0], first, second, third)), part(pick(at[1], first, second, third)));
        }
        if (at.length == 3) {
            return CompositeKey.of(part(pick(at[0], first, second, third)), part(pick(at[1], first, second, third)),
                    part(pick(at[2], first, second, third)));
        }
        Object[] parts = new Object[at.length];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = part(pick(at[i], first, second, third));
        }
        return CompositeKey.ofRendered(parts);
    }

    /**
     * {@link #localKeyOfArguments} for a method whose first parameter is a
     * {@code long}, passed unboxed: when the key starts with that argument and the next ones in
     * order ({@code {id},{sku}}, the default key), its part stays a {@code long} and no {@code Long}
     * is made.
     */
    public Object localKeyOfLongFirst(long first, Object second, Object third) {
        int[] at = arguments;
        if (commaSeparated != null && at[0] == 0 && at[1] == 1) {
            if (at.length == 2) {
                return CompositeKey.of(first, part(second));
            }
            if (at.length == 3 && at[2] == 2) {
                return CompositeKey.of(first, part(second), part(third));
            }
        }
        return localKeyOfArguments(Long.valueOf(first), second, third);
    }

    private static Object pick(int index, Object first, Object second, Object third) {
        return index == 0 ? first : index == 1 ? second : third;
    }

    /** A composite key's part for {@code value}: itself when plain, else its escaped text. */
    private Object part(Object value) {
        if (CompositeKey.isPlain(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(16);
        ValueText.append(out, value, specials);
        return out.toString();
    }

    /** The canonical key of a single-placeholder value when no rendering is needed, else {@code null}. */
    private Object directKey(Object value) {
        if (value instanceof Long) {
            return value; // "{id}" with a long id: the boxed argument is the key, nothing allocated
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Long.valueOf(((Number) value).longValue());
        }
        if (value instanceof String s && !ValueText.needsEscape(s, specials)) {
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
            if (value instanceof String s && !ValueText.needsEscape(s, specials)) {
                return s; // no copy on the hot path
            }
            if (isPlainScalar(value)) {
                String s = String.valueOf(value); // what ValueText.append would escape; skip the builder and its copy
                if (!ValueText.needsEscape(s, specials)) {
                    return s;
                }
            }
            StringBuilder out = new StringBuilder(16);
            ValueText.append(out, value, specials);
            return out.toString();
        }
        StringBuilder out = new StringBuilder(32);
        for (Object part : parts) {
            if (part instanceof String literal) {
                out.append(literal);
            } else {
                ValueText.append(out, ((Node) part).eval(self, args, result), specials);
            }
        }
        return out.toString();
    }

    /**
     * Values that {@link ValueText#append} renders as {@code String.valueOf(value)}: boxed primitives only,
     * whose text never needs a builder of its own (hot-path shortcut for {@code "{id}"} keys).
     */
    private static boolean isPlainScalar(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof Boolean || value instanceof Character;
    }
}
