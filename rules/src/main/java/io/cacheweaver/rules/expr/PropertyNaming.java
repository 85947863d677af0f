package io.cacheweaver.rules.expr;

import java.util.List;
import java.util.Locale;

/**
 * The naming rule of a {@code .name} step, in one place for the weaver (which checks steps
 * against class files) and the runtime (which resolves them against loaded classes): a property
 * step reads, in this order, {@code getName()}, {@code isName()} when it returns a boolean, a
 * zero-argument {@code name()} (record accessors), then a public field {@code name}; a call
 * step {@code name()} reads only the method.
 */
public final class PropertyNaming {
    private PropertyNaming() {
    }

    /**
     * The zero-argument method names a step may read, most preferred first; the second of a
     * property step ({@code isName}) counts only when it returns {@code boolean} or {@code Boolean}.
     */
    public static List<String> methodNames(Expr.Step step) {
        if (step.call()) {
            return List.of(step.name());
        }
        String capitalized = step.name().substring(0, 1).toUpperCase(Locale.ROOT) + step.name().substring(1);
        return List.of("get" + capitalized, "is" + capitalized, step.name());
    }

    /** True for the method name that must return a boolean to count ({@code isName}). */
    public static boolean needsBoolean(Expr.Step step, String methodName) {
        return !step.call() && methodName.startsWith("is") && !methodName.equals(step.name());
    }

    /** How a zero-argument method is written in an expression: {@code getName} → {@code name}, else {@code name()}. */
    public static String stepFor(String methodName) {
        if (methodName.startsWith("get") && methodName.length() > 3) {
            return Character.toLowerCase(methodName.charAt(3)) + methodName.substring(4);
        }
        if (methodName.startsWith("is") && methodName.length() > 2) {
            return Character.toLowerCase(methodName.charAt(2)) + methodName.substring(3);
        }
        return methodName + "()";
    }
}
