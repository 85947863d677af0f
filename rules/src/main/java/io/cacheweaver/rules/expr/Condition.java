package io.cacheweaver.rules.expr;

/** A {@code when:} or {@code unless:} expression with its source text (for messages). */
public record Condition(String text, Expr expr) {
}
