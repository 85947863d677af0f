package io.cacheweaver.rules.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * A tag template ({@code tags:} of a rule): literal text with placeholders, like a key template,
 * where one placeholder may fan out over a collection: {@code "product:{result[*].id}"} yields one
 * tag per element of {@code result}. Tags are rendered as plain text (no escaping): they are
 * names an operator or a database trigger must be able to write by hand.
 */
public record TagTemplate(String text, List<Part> parts) {
    public TagTemplate {
        parts = List.copyOf(parts);
    }

    public sealed interface Part permits Text, Placeholder, FanOut {
    }

    public record Text(String text) implements Part {
    }

    public record Placeholder(Expr.Path path) implements Part {
    }

    /** {@code {collection[*].each}}: {@code collection} is evaluated once, {@code each} on every element. */
    public record FanOut(Expr.Path collection, List<Expr.Step> each) implements Part {
        public FanOut {
            each = List.copyOf(each);
        }
    }

    /** The paths evaluated against the call (for a fan-out, its collection), left to right. */
    public List<Expr.Path> paths() {
        List<Expr.Path> paths = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Placeholder placeholder) {
                paths.add(placeholder.path());
            } else if (part instanceof FanOut fanOut) {
                paths.add(fanOut.collection());
            }
        }
        return paths;
    }

    /** Whether rendering needs the method's result. */
    public boolean usesResult() {
        return paths().stream().anyMatch(p -> p.root() instanceof Expr.Result);
    }
}
