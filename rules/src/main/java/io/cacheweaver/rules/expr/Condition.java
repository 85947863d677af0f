package io.cacheweaver.rules.expr;

import java.util.ArrayList;
import java.util.List;

/** A {@code when:} or {@code unless:} expression with its source text (for messages). */
public record Condition(String text, Expr expr) {

    /** Every path in the condition, left to right. */
    public List<Expr.Path> paths() {
        List<Expr.Path> paths = new ArrayList<>();
        collect(expr, paths);
        return paths;
    }

    private static void collect(Expr expr, List<Expr.Path> paths) {
        if (expr instanceof Expr.Path path) {
            paths.add(path);
        } else if (expr instanceof Expr.Not not) {
            collect(not.operand(), paths);
        } else if (expr instanceof Expr.Binary binary) {
            collect(binary.left(), paths);
            collect(binary.right(), paths);
        }
    }
}
