package io.cacheweaver.rules.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * A key or value template: literal text with {@code {...}} placeholders, e.g. {@code "{user.id}:{page}"}.
 * Two placeholders are never adjacent (the loader rejects {@code "{a}{b}"}), which is what lets
 * escaped values keep keys unique.
 */
public record Template(String text, List<Part> parts) {
    public Template {
        parts = List.copyOf(parts);
    }

    public sealed interface Part permits Text, Placeholder {
    }

    public record Text(String text) implements Part {
    }

    public record Placeholder(Expr.Path path) implements Part {
    }

    /** The placeholders' paths, left to right. */
    public List<Expr.Path> paths() {
        List<Expr.Path> paths = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Placeholder placeholder) {
                paths.add(placeholder.path());
            }
        }
        return paths;
    }

    /** True for a template that is exactly one placeholder, e.g. {@code "{product}"}. */
    public boolean isSinglePlaceholder() {
        return parts.size() == 1 && parts.get(0) instanceof Placeholder;
    }
}
