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
    /** A class segment: Java identifier characters (including {@code $} of nested classes) and {@code *}. */
    private static final Pattern CLASS_SEGMENT = Pattern.compile("[\\p{L}\\p{N}_$*]+");
    private static final Pattern METHOD = Pattern.compile("[\\p{L}_$*][\\p{L}\\p{N}_$*]*");
    private static final Pattern TYPE_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    private SelectorParser() {
    }

    /** Thrown with a message that already quotes the selector and the grammar. */
    public static final class SelectorException extends Exception {
        private static final long serialVersionUID = 1L;

        SelectorException(String selector, String detail) {
            this(selector, detail, true);
        }

        SelectorException(String selector, String detail, boolean showGrammar) {
            super("invalid method selector \"" + selector + "\": " + detail + (showGrammar ? "; " + GRAMMAR : ""));
        }
    }

    public static MethodSelector parse(String selector) throws SelectorException {
        String text = selector.trim();
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
        checkClassPattern(selector, classPart);

        int open = rest.indexOf('(');
        String method = open < 0 ? rest : rest.substring(0, open).trim();
        if (method.isEmpty()) {
            throw new SelectorException(selector, "missing method name after '#'");
        }
        if (!METHOD.matcher(method).matches()) {
            throw new SelectorException(selector, "invalid method name \"" + method
                    + "\" (letters, digits, '_', '$' and '*' only; constructors never match)");
        }
        List<String> parameters = open < 0 ? null : parameters(selector, rest.substring(open));
        return new MethodSelector(text, classPart, subtypes, method, parameters);
    }

    private static void checkClassPattern(String selector, String classPart) throws SelectorException {
        if (classPart.isEmpty()) {
            throw new SelectorException(selector, "missing class before '#'");
        }
        if (classPart.contains("...") || classPart.endsWith(".") || (classPart.startsWith(".")
                && !classPart.startsWith(".."))) {
            throw new SelectorException(selector, "invalid class pattern \"" + classPart
                    + "\" ('.' separates segments, '..' matches any number of packages, and the name must end with a segment)");
        }
        String body = classPart.startsWith("..") ? classPart.substring(2) : classPart;
        for (String segment : body.split("\\.\\.|\\.")) {
            if (!CLASS_SEGMENT.matcher(segment).matches()) {
                throw new SelectorException(selector, "invalid class pattern \"" + classPart + "\" (segment \""
                        + segment + "\"; letters, digits, '_', '$' and '*' only)");
            }
        }
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
