package io.cacheweaver.rules.expr;

/**
 * Recursive descent over {@code || > && > comparison > !}: comparisons do not chain
 * ({@code a < b < c} is an error, not a surprise), and a bare number is a number, so positions
 * are written {@code args[0]} in conditions.
 */
final class ConditionParser extends PathScanner {
    private static final String VALUE_HINT = "a value (a path such as id or user.name, null, true, false, a number or 'text')";

    ConditionParser(String text, boolean allowResult, java.util.List<String> parameterTypes) {
        super(text, 0, text.length(), allowResult, parameterTypes);
    }

    Expr parse() throws ExpressionException {
        skipSpaces();
        if (atEnd()) {
            throw error("the condition is empty");
        }
        Expr expr = or();
        skipSpaces();
        if (!atEnd()) {
            throw error("unexpected " + found() + "; expected an operator (== != < <= > >= && ||) or the end");
        }
        return expr;
    }

    private Expr or() throws ExpressionException {
        Expr left = and();
        while (operator("||")) {
            left = new Expr.Binary(Expr.Operator.OR, left, and());
        }
        return left;
    }

    private Expr and() throws ExpressionException {
        Expr left = comparison();
        while (operator("&&")) {
            left = new Expr.Binary(Expr.Operator.AND, left, comparison());
        }
        return left;
    }

    private Expr comparison() throws ExpressionException {
        Expr left = unary();
        Expr.Operator op = comparisonOperator();
        if (op == null) {
            return left;
        }
        Expr result = new Expr.Binary(op, left, unary());
        skipSpaces();
        int at = pos;
        if (comparisonOperator() != null) {
            pos = at;
            throw error("comparisons cannot be chained; combine them with && or ||");
        }
        return result;
    }

    private Expr.Operator comparisonOperator() throws ExpressionException {
        skipSpaces();
        for (Expr.Operator op : new Expr.Operator[] {Expr.Operator.EQ, Expr.Operator.NE, Expr.Operator.LE,
                Expr.Operator.GE, Expr.Operator.LT, Expr.Operator.GT}) {
            if (peekIs(op.symbol())) {
                pos += op.symbol().length();
                return op;
            }
        }
        if (peek() == '=') {
            throw error("use == to compare");
        }
        return null;
    }

    private boolean operator(String symbol) throws ExpressionException {
        skipSpaces();
        if (peekIs(symbol)) {
            pos += 2;
            return true;
        }
        if (peek() == symbol.charAt(0)) {
            throw error("use " + symbol + " (single '" + symbol.charAt(0) + "' is not an operator)");
        }
        return false;
    }

    private Expr unary() throws ExpressionException {
        skipSpaces();
        if (peek() == '!' && !peekIs("!=")) {
            pos++;
            return new Expr.Not(unary());
        }
        return primary();
    }

    private Expr primary() throws ExpressionException {
        skipSpaces();
        char c = peek();
        if (c == '(') {
            pos++;
            Expr inner = or();
            skipSpaces();
            if (peek() != ')') {
                throw error("expected ')', found " + found());
            }
            pos++;
            return inner;
        }
        if (c == '\'') {
            return string();
        }
        if (Character.isDigit(c) || (c == '-' && pos + 1 < end && Character.isDigit(text.charAt(pos + 1)))) {
            return number();
        }
        if (Character.isJavaIdentifierStart(c)) {
            int start = pos;
            String word = identifier();
            switch (word) {
                case "null": return new Expr.Literal(null);
                case "true": return new Expr.Literal(Boolean.TRUE);
                case "false": return new Expr.Literal(Boolean.FALSE);
                default:
                    pos = start;
                    return path();
            }
        }
        throw error("expected " + VALUE_HINT + ", found " + found());
    }

    private Expr string() throws ExpressionException {
        int start = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        while (!atEnd() && peek() != '\'') {
            char c = text.charAt(pos++);
            if (c == '\\' && (peek() == '\'' || peek() == '\\')) {
                c = text.charAt(pos++);
            }
            value.append(c);
        }
        if (atEnd()) {
            pos = start;
            throw error("unclosed 'text'; expected a closing ' (write \\' for a quote inside)");
        }
        pos++;
        return new Expr.Literal(value.toString());
    }

    private Expr number() throws ExpressionException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        while (Character.isDigit(peek())) {
            pos++;
        }
        boolean decimal = false;
        if (peek() == '.' && pos + 1 < end && Character.isDigit(text.charAt(pos + 1))) {
            decimal = true;
            pos++;
            while (Character.isDigit(peek())) {
                pos++;
            }
        } else if (peek() == '.' || peek() == '[') {
            pos = start;
            throw error("a number cannot be followed by '" + text.charAt(findAfterDigits(start)) + "'; write a position as args[N] in conditions");
        }
        if (!atEnd() && Character.isJavaIdentifierPart(peek())) {
            throw error("unexpected " + found() + " after a number");
        }
        String literal = text.substring(start, pos);
        try {
            return new Expr.Literal(decimal ? (Object) Double.valueOf(literal) : (Object) Long.valueOf(literal));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("number out of range: " + literal);
        }
    }

    private int findAfterDigits(int start) {
        int i = start;
        while (i < end && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '-')) {
            i++;
        }
        return i;
    }
}
