package io.cacheweaver.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses {@code <class>#<method>(<parameter types>)} into a {@link MethodSelector}, normalizing
 * parameter types to the names {@code Class#getTypeName()} gives ({@code java.lang.String[]}).
 */
public final class SelectorParser {
    public static final String GRAMMAR = "expected <class>#<method>(<parameter types>),"
            + " e.g. com.shop..*Dao#find*(long, String)";

    private static final Set<String> PRIMITIVES = Set.of("boolean", "byte", "char", "short", "int", "long",
            "float", "double");
    private static final Pattern TYPE_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    /** What a class segment or method name may be, for messages. */
    static final String IDENTIFIER_RULE = "a Java identifier: a letter, '_' or '$' first, then letters, digits, '_' or '$'"
            + " ('*' matches any characters)";

    private SelectorParser() {
    }

    /** Thrown with a message that already quotes the selector (and the grammar where that helps). */
    public static final class SelectorException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int offset;

        SelectorException(String selector, String detail) {
            this(selector, detail, true, 0);
        }

        SelectorException(String selector, String detail, boolean showGrammar) {
            this(selector, detail, showGrammar, 0);
        }

        SelectorException(String selector, String detail, boolean showGrammar, int offset) {
            super("invalid method selector \"" + selector + "\": " + detail + (showGrammar ? "; " + GRAMMAR : ""));
            this.offset = offset;
        }

        /** Where in the selector text the problem is (0-based), so the message can point at the column. */
        public int offset() {
            return offset;
        }
    }

    public static MethodSelector parse(String selector) throws SelectorException {
        String text = selector.trim();
        int lead = text.isEmpty() ? 0 : selector.indexOf(text);
        int hash = text.indexOf('#');
        if (hash < 0) {
            throw new SelectorException(selector, "missing '#' between class and method");
        }
        String classPart = text.substring(0, hash).trim();
        String rest = text.substring(hash + 1).trim();
        boolean subtypes = classPart.endsWith("+");
        if (subtypes) {
            classPart = classPart.substring(0, classPart.length() - 1).trim();
        }
        checkClassPattern(selector, classPart, lead + text.indexOf(classPart));

        int open = rest.indexOf('(');
        String method = open < 0 ? rest : rest.substring(0, open).trim();
        if (method.isEmpty()) {
            throw new SelectorException(selector, "missing method name after '#'", true, lead + hash + 1);
        }
        if (!isIdentifierPattern(method)) {
            throw new SelectorException(selector, "invalid method name \"" + method + "\"; a method name must be "
                    + IDENTIFIER_RULE + (method.contains("<") ? "; constructors and initializers never match" : ""),
                    false, lead + hash + 1 + text.substring(hash + 1).indexOf(method));
        }
        List<String> parameters = open < 0 ? null : parameters(selector, rest.substring(open));
        return new MethodSelector(text, classPart, subtypes, method, parameters);
    }

    private static void checkClassPattern(String selector, String classPart, int at) throws SelectorException {
        if (classPart.isEmpty()) {
            throw new SelectorException(selector, "missing class before '#'");
        }
        if (classPart.contains("...") || classPart.endsWith(".") || (classPart.startsWith(".")
                && !classPart.startsWith(".."))) {
            throw new SelectorException(selector, "invalid class pattern \"" + classPart
                    + "\" ('.' separates segments, '..' matches any number of packages, and the name must end with a segment)",
                    true, at);
        }
        int offset = classPart.startsWith("..") ? 2 : 0;
        for (String segment : classPart.substring(offset).split("\\.\\.|\\.", -1)) {
            offset = classPart.indexOf(segment, offset);
            if (!isIdentifierPattern(segment)) {
                throw new SelectorException(selector, "invalid class name \"" + classPart + "\": \"" + segment
                        + "\" is not a Java identifier; each part between dots must be " + IDENTIFIER_RULE, false, at + offset);
            }
            offset += segment.length();
        }
    }

    /**
     * True when some Java identifier fits {@code name}, where {@code *} stands for any run of
     * identifier characters: the same test javac applies to names, so a typo like {@code find-by-id}
     * or {@code 1Dao} is an error here rather than a rule that silently matches nothing.
     */
    static boolean isIdentifierPattern(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '*') {
                continue;
            }
            boolean allowed = i == 0 ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c);
            if (!allowed || Character.isIdentifierIgnorable(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code null} for {@code (..)}; else the normalized type names. */
    private static List<String> parameters(String selector, String list) throws SelectorException {
        if (!list.endsWith(")") || list.indexOf(')') != list.length() - 1) {
            throw new SelectorException(selector, "the parameter list must end with ')' and nothing may follow it");
        }
        String inner = list.substring(1, list.length() - 1).trim();
        if (inner.equals("..")) {
            return null;
        }
        List<String> types = new ArrayList<>();
        if (inner.isEmpty()) {
            return types;
        }
        String[] items = inner.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            String item = items[i].trim();
            if (item.endsWith("...") && i != items.length - 1) {
                throw new SelectorException(selector, "only the last parameter can be varargs (\"" + item + "\")");
            }
            types.add(normalizeType(selector, item));
        }
        return types;
    }

    static String normalizeType(String selector, String item) throws SelectorException {
        String base = item;
        StringBuilder dims = new StringBuilder();
        if (base.endsWith("...")) {
            base = base.substring(0, base.length() - 3).trim();
            dims.append("[]");
        }
        while (base.endsWith("]")) {
            String stripped = base.substring(0, base.length() - 1).trim();
            if (!stripped.endsWith("[")) {
                throw new SelectorException(selector, "invalid parameter type \"" + item + "\"");
            }
            base = stripped.substring(0, stripped.length() - 1).trim();
            dims.insert(0, "[]");
        }
        if (base.isEmpty() || !TYPE_NAME.matcher(base).matches()) {
            throw new SelectorException(selector, "invalid parameter type \"" + item + "\""
                    + (item.isEmpty() ? " (empty)" : "")
                    + (item.contains("*") ? " (wildcards are not allowed in parameter types; use (..) for any)" : ""));
        }
        return qualify(selector, base) + dims;
    }

    private static String qualify(String selector, String name) throws SelectorException {
        if (name.contains(".") || PRIMITIVES.contains(name)) {
            return name;
        }
        if (exists("java.lang." + name)) {
            return "java.lang." + name;
        }
        String hint = exists("java.util." + name) ? " (e.g. java.util." + name + ")" : "";
        throw new SelectorException(selector, "unknown type \"" + name + "\": only primitives and java.lang classes"
                + " may be written without a package; write the fully qualified name" + hint, false);
    }

    private static boolean exists(String className) {
        try {
            Class.forName(className, false, null); // bootstrap loader: no application class is loaded
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
