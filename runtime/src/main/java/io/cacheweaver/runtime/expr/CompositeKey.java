package io.cacheweaver.runtime.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * The local-layer key of a key text with an unescaped comma — the default key of a method with
 * several parameters ({@code 7,sku-1,2}) and any {@code "{a},{b}"} template: its comma-separated
 * parts, with the hash computed once. Built straight from the arguments, it costs one small
 * object instead of a rendered string; built from text ({@link KeyTemplate#canonical}), it is
 * equal to the one built from the arguments that render that text. So two keys are still equal
 * exactly when their texts are, whichever rule, message or JMX call produced them; the text
 * itself ({@link #text}) is made only when Redis or a message needs it.
 *
 * <p>A part is {@code null} (text {@code \N}), a whole number ({@code Long}, {@code Integer},
 * {@code Short}, {@code Byte}) or a {@code String} holding the part's text exactly as rendered
 * (escapes included). Parts compare by text: {@code 2}, {@code 2L} and {@code "2"} are one part.
 *
 * <p>Several forms ({@link CompositeForms}), equal and hashing alike whenever their parts are:
 * two or three parts in fields, the first possibly an unboxed {@code long} (built from the
 * arguments of a two- or three-parameter method: one object, no array, no box), or any number in
 * an array. That array is never changed once the key exists; it may be the argument array of the
 * call that built the key, which nothing writes to after the call began.
 */
public abstract sealed class CompositeKey
        permits CompositeForms.OfArray, CompositeForms.Of2, CompositeForms.Of3, CompositeForms.OfLong2, CompositeForms.OfLong3 {
    private final int hash;

    CompositeKey(int hash) {
        this.hash = hash;
    }

    /** The number of parts. */
    abstract int size();

    /** Part {@code index}, {@code 0 <= index < size()}. */
    abstract Object part(int index);

    /**
     * {@code parts} as they are, when each renders as itself with the comma and backslash escaped
     * (every element null, a whole number, or a string without those two characters); else
     * {@code null}. The array is kept, not copied.
     */
    static CompositeKey ofPlainParts(Object[] parts) {
        for (Object part : parts) {
            if (!isPlain(part)) {
                return null;
            }
        }
        return new CompositeForms.OfArray(parts);
    }

    /** Parts already rendered (escaped) or plain, as {@link #ofPlainParts} accepts them, in a new array. */
    static CompositeKey ofRendered(Object[] parts) {
        return new CompositeForms.OfArray(parts);
    }

    /** Two parts, rendered or plain as {@link #ofRendered} takes them: one object, no parts array. */
    static CompositeKey of(Object first, Object second) {
        return new CompositeForms.Of2(first, second);
    }

    /** Three parts, rendered or plain as {@link #ofRendered} takes them: one object, no parts array. */
    static CompositeKey of(Object first, Object second, Object third) {
        return new CompositeForms.Of3(first, second, third);
    }

    /** {@link #of(Object, Object)} whose first part is a whole number, kept unboxed: the caller need not box it. */
    static CompositeKey of(long first, Object second) {
        return new CompositeForms.OfLong2(first, second);
    }

    /** {@link #of(Object, Object, Object)} whose first part is a whole number, kept unboxed. */
    static CompositeKey of(long first, Object second, Object third) {
        return new CompositeForms.OfLong3(first, second, third);
    }

    /** Whether {@code text} has a comma not escaped by a backslash, i.e. is a composite key's text. */
    static boolean isComposite(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ',') {
                return true;
            }
        }
        return false;
    }

    /** The key of a text for which {@link #isComposite} holds: its parts split at unescaped commas. */
    static CompositeKey parse(String text) {
        List<Object> parts = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ',') {
                parts.add(partOf(text.substring(start, i)));
                start = i + 1;
            }
        }
        parts.add(partOf(text.substring(start)));
        return new CompositeForms.OfArray(parts.toArray());
    }

    private static Object partOf(String text) {
        return KeyTemplate.NULL.equals(text) ? null : text;
    }

    static boolean isPlain(Object part) {
        if (part == null || isIntegral(part)) {
            return true;
        }
        if (part instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == ',' || c == '\\') {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** The key's text, as Redis, invalidation messages and snapshots store it. */
    public String text() {
        int size = size();
        StringBuilder out = new StringBuilder(size * 8);
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(',');
            }
            Object part = part(i);
            if (part == null) {
                out.append(KeyTemplate.NULL);
            } else if (part instanceof String s) {
                out.append(s);
            } else {
                out.append(((Number) part).longValue());
            }
        }
        return out.toString();
    }

    @Override
    public final int hashCode() {
        return hash;
    }

    /** Equal texts, whichever form either side has. */
    @Override
    public final boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof CompositeKey that && that.hash == hash && sameParts(that);
    }

    /** Part by part; each form in {@link CompositeForms} compares its own kind field by field first (the hit path). */
    boolean sameParts(CompositeKey that) {
        int size = size();
        if (that.size() != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!partEquals(part(i), that.part(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text();
    }

    /** One more part into a hash: every form folds its parts in order from 1, as {@code Arrays.hashCode} does. */
    static int mix(int soFar, Object part) {
        return 31 * soFar + partHash(part);
    }

    static boolean partEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof String sa && b instanceof String sb) {
            return sa.equals(sb);
        }
        if (isIntegral(a) && isIntegral(b)) {
            return ((Number) a).longValue() == ((Number) b).longValue(); // the hit path: no boxing
        }
        Long la = numberOf(a);
        return la != null && la.equals(numberOf(b));
    }

    /** Hash of the part's text class: whole numbers (or their canonical text) hash as their {@code Long}. */
    private static int partHash(Object part) {
        if (part == null) {
            return 0;
        }
        if (isIntegral(part)) {
            return Long.hashCode(((Number) part).longValue());
        }
        Long number = numberOf(part);
        return number != null ? number.hashCode() : part.hashCode();
    }

    /** The part's value when its text is a canonical whole number, else {@code null}. */
    private static Long numberOf(Object part) {
        if (isIntegral(part)) {
            return ((Number) part).longValue();
        }
        if (part instanceof String s) {
            Object canonical = KeyTemplate.canonicalScalar(s);
            return canonical instanceof Long l ? l : null;
        }
        return null;
    }

    static boolean isIntegral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }
}
