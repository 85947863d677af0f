package io.cacheweaver.rules.expr;

import java.util.List;

/**
 * The parsed form of a condition or a placeholder. Evaluation lives in the runtime, which
 * compiles this tree once per woven method.
 */
public sealed interface Expr permits Expr.Path, Expr.Literal, Expr.Not, Expr.Binary {

    /** {@code id}, {@code 0}, {@code args[0]}, {@code this}, {@code result}, then {@code .steps}. */
    record Path(Root root, List<Step> steps, String text) implements Expr {
        public Path {
            steps = List.copyOf(steps);
        }
    }

    /** {@code null}, {@code true}/{@code false} (Boolean), integers (Long), decimals (Double), {@code 'text'} (String). */
    record Literal(Object value) implements Expr {
    }

    record Not(Expr operand) implements Expr {
    }

    record Binary(Operator operator, Expr left, Expr right) implements Expr {
    }

    enum Operator {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), AND("&&"), OR("||");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** Where a path starts. */
    sealed interface Root permits Parameter, Argument, This, Result {
    }

    /** A parameter by name, resolved against the woven method's parameter names. */
    record Parameter(String name) implements Root {
    }

    /** A parameter by position: {@code 0} or {@code args[0]}. */
    record Argument(int index) implements Root {
    }

    record This() implements Root {
    }

    record Result() implements Root {
    }

    /**
     * One {@code .name} step: a property ({@code getName()}, {@code isName()}, record accessor
     * {@code name()}, public field {@code name}) or, with {@code call}, a zero-argument method
     * {@code name()}.
     */
    record Step(String name, boolean call) {
    }
}
