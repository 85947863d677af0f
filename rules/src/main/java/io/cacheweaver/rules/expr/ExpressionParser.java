package io.cacheweaver.rules.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses key/value templates and conditions. Pure syntax: whether a parameter or property exists
 * is checked by the agent against the woven method.
 *
 * <p>Templates: literal text with {@code {path}} placeholders; {@code {{} and {@code }}} write
 * literal braces. Placeholders must be separated by literal text so that keys stay unique.
 */
public final class ExpressionParser {
    private ExpressionParser() {
    }

    /**
     * @param allowResult whether {@code result} may be used (value templates of put rules only)
     */
    public static Template parseTemplate(String text, boolean allowResult) throws ExpressionException {
        return parseTemplate(text, allowResult, null);
    }

    /**
     * @param parameterTypes the method selector's parameter types: a position beyond them is an
     *                       error; {@code null} when the selector allows any parameter list
     */
    public static Template parseTemplate(String text, boolean allowResult, List<String> parameterTypes)
            throws ExpressionException {
        if (text.isEmpty()) {
            throw new ExpressionException("the template is empty", 0);
        }
        List<Template.Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean afterPlaceholder = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{' && text.startsWith("{{", i)) {
                literal.append('{');
                i += 2;
            } else if (c == '}' && text.startsWith("}}", i)) {
                literal.append('}');
                i += 2;
            } else if (c == '}') {
                throw new ExpressionException("unmatched '}'; write }} for a literal '}'", i);
            } else if (c == '{') {
                int close = text.indexOf('}', i + 1);
                if (close < 0) {
                    throw new ExpressionException("unclosed placeholder; expected '}' (write {{ for a literal '{')", i);
                }
                if (afterPlaceholder && literal.length() == 0) {
                    throw new ExpressionException(
                            "placeholders must be separated by literal text so that keys stay unique", i);
                }
                if (literal.length() > 0) {
                    parts.add(new Template.Text(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(new Template.Placeholder(placeholder(text, i + 1, close, allowResult, parameterTypes)));
                afterPlaceholder = true;
                i = close + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            parts.add(new Template.Text(literal.toString()));
        }
        return new Template(text, parts);
    }

    private static Expr.Path placeholder(String text, int start, int close, boolean allowResult,
                                         List<String> parameterTypes) throws ExpressionException {
        PathScanner scanner = new PathScanner(text, start, close, allowResult, parameterTypes);
        scanner.skipSpaces();
        if (scanner.atEnd()) {
            throw scanner.error("empty placeholder; expected " + PathScanner.PATH_HINT);
        }
        Expr.Path path = scanner.path();
        scanner.skipSpaces();
        if (!scanner.atEnd()) {
            throw scanner.error("unexpected " + scanner.found() + " in placeholder; expected '.', '}' or the end of the path");
        }
        return path;
    }

    /**
     * @param allowResult whether {@code result} may be used ({@code unless:} only)
     */
    public static Condition parseCondition(String text, boolean allowResult) throws ExpressionException {
        return parseCondition(text, allowResult, null);
    }

    /** @param parameterTypes as for {@link #parseTemplate(String, boolean, List)} */
    public static Condition parseCondition(String text, boolean allowResult, List<String> parameterTypes)
            throws ExpressionException {
        return new Condition(text, new ConditionParser(text, allowResult, parameterTypes).parse());
    }
}
