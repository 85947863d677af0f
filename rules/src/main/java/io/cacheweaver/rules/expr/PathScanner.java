package io.cacheweaver.rules.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * A cursor over expression text that reads paths ({@code user.address.city}, {@code args[0].size()}).
 * Shared by templates and conditions so both accept exactly the same paths.
 */
class PathScanner {
    static final String PATH_HINT = "a parameter name, a position (0, args[0]), this or result";

    final String text;
    final int end;
    final boolean allowResult;
    /** The selector's parameter types, to reject positions beyond them; {@code null} when any list matches. */
    final List<String> parameterTypes;
    int pos;

    PathScanner(String text, int start, int end, boolean allowResult, List<String> parameterTypes) {
        this.text = text;
        this.pos = start;
        this.end = end;
        this.allowResult = allowResult;
        this.parameterTypes = parameterTypes;
    }

    boolean atEnd() {
        return pos >= end;
    }

    char peek() {
        return pos < end ? text.charAt(pos) : '\0';
    }

    boolean peekIs(String s) {
        return text.startsWith(s, pos) && pos + s.length() <= end;
    }

    void skipSpaces() {
        while (pos < end && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    ExpressionException error(String message) {
        return new ExpressionException(message, pos);
    }

    String found() {
        return atEnd() ? "the end" : "'" + peek() + "'";
    }

    String identifier() {
        int start = pos;
        if (pos < end && Character.isJavaIdentifierStart(text.charAt(pos))) {
            pos++;
            while (pos < end && Character.isJavaIdentifierPart(text.charAt(pos))) {
                pos++;
            }
        }
        return text.substring(start, pos);
    }

    int digits() throws ExpressionException {
        int start = pos;
        while (pos < end && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        try {
            return Integer.parseInt(text.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("expected a parameter position (0, 1, ...)");
        }
    }

    /** A whole path starting at the cursor; {@code null}/{@code true}/{@code false} are not paths. */
    Expr.Path path() throws ExpressionException {
        int start = pos;
        Expr.Root root;
        if (Character.isDigit(peek())) {
            root = new Expr.Argument(digits());
        } else {
            String name = identifier();
            if (name.isEmpty() || name.equals("null") || name.equals("true") || name.equals("false")) {
                pos = start;
                throw error("expected " + PATH_HINT + ", found " + found());
            }
            root = root(name, start);
        }
        if (root instanceof Expr.Argument argument) {
            checkPosition(argument.index(), start);
        }
        List<Expr.Step> steps = new ArrayList<>();
        while (peek() == '.') {
            pos++;
            String name = identifier();
            if (name.isEmpty()) {
                throw error("expected a property or method name after '.', found " + found());
            }
            boolean call = false;
            if (peek() == '(') {
                pos++;
                skipSpaces();
                if (peek() != ')') {
                    throw error("expected ')': only zero-argument methods can be called");
                }
                pos++;
                call = true;
            }
            steps.add(new Expr.Step(name, call));
        }
        return new Expr.Path(root, steps, text.substring(start, pos));
    }

    /** The selector says how many parameters every matched method has: a position beyond them can never work. */
    private void checkPosition(int index, int start) throws ExpressionException {
        if (parameterTypes == null || index < parameterTypes.size()) {
            return;
        }
        pos = start;
        if (parameterTypes.isEmpty()) {
            throw error("no parameter at position " + index + "; the method selector declares no parameters");
        }
        StringBuilder positions = new StringBuilder();
        for (int i = 0; i < parameterTypes.size(); i++) {
            positions.append(i == 0 ? "" : ", ").append(i);
        }
        throw error("no parameter at position " + index + "; the method selector declares " + parameterTypes.size()
                + (parameterTypes.size() == 1 ? " parameter (" : " parameters (") + String.join(", ", parameterTypes)
                + "), positions: " + positions);
    }

    private Expr.Root root(String name, int start) throws ExpressionException {
        switch (name) {
            case "this":
                return new Expr.This();
            case "result":
                if (!allowResult) {
                    pos = start;
                    throw error("result is not available here; it can be used in unless: and in the value: of a put rule");
                }
                return new Expr.Result();
            case "args":
                if (peek() != '[') {
                    return new Expr.Parameter(name); // a parameter that happens to be called "args"
                }
                pos++;
                int index = digits();
                if (peek() != ']') {
                    throw error("expected ']' after args[" + index);
                }
                pos++;
                return new Expr.Argument(index);
            default:
                return new Expr.Parameter(name);
        }
    }
}
