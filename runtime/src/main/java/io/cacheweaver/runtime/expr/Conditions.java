package io.cacheweaver.runtime.expr;

import io.cacheweaver.rules.expr.Expr;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Semantics of the condition operators. Numbers compare by value whatever their boxed type
 * ({@code 1 == 1L}); {@code &&} and {@code ||} short-circuit; only {@code Boolean.TRUE} is true.
 */
final class Conditions {
    private Conditions() {
    }

    static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value);
    }

    static Node binary(Expr.Operator operator, Node left, Node right) {
        return switch (operator) {
            case AND -> (s, a, r) -> isTrue(left.eval(s, a, r)) && isTrue(right.eval(s, a, r));
            case OR -> (s, a, r) -> isTrue(left.eval(s, a, r)) || isTrue(right.eval(s, a, r));
            case EQ -> (s, a, r) -> equal(left.eval(s, a, r), right.eval(s, a, r));
            case NE -> (s, a, r) -> !equal(left.eval(s, a, r), right.eval(s, a, r));
            case LT -> ordered(left, right, c -> c < 0);
            case LE -> ordered(left, right, c -> c <= 0);
            case GT -> ordered(left, right, c -> c > 0);
            case GE -> ordered(left, right, c -> c >= 0);
        };
    }

    private static final int UNORDERED = Integer.MIN_VALUE;

    private static Node ordered(Node left, Node right, java.util.function.IntPredicate test) {
        return (s, a, r) -> {
            int c = compare(left.eval(s, a, r), right.eval(s, a, r));
            return c != UNORDERED && test.test(c);
        };
    }

    static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return number(x).compareTo(number(y)) == 0;
        }
        if (a instanceof Character && b instanceof String || a instanceof String && b instanceof Character) {
            return String.valueOf(a).equals(String.valueOf(b));
        }
        if (a instanceof Enum<?> e && b instanceof String s) {
            return e.name().equals(s);
        }
        if (a instanceof String s && b instanceof Enum<?> e) {
            return e.name().equals(s);
        }
        return Objects.equals(a, b);
    }

    /** Orders numbers and mutually comparable values; anything else (including null) is unordered, so every ordering test is false. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return number(x).compareTo(number(y));
        }
        if (a instanceof Comparable ca && b != null && a.getClass() == b.getClass()) {
            return Integer.signum(ca.compareTo(b));
        }
        return UNORDERED;
    }

    private static BigDecimal number(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : BigDecimal.valueOf(Double.MAX_VALUE).multiply(BigDecimal.valueOf(Math.signum(d)));
        }
        return new BigDecimal(n.toString());
    }
}
