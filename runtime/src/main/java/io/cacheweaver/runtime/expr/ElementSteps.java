package io.cacheweaver.runtime.expr;

import io.cacheweaver.rules.expr.Expr;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * The {@code .steps} after {@code [*]} in a tag template, applied to each element of a
 * collection. An element's static type is rarely known (erased generics), so the steps are
 * resolved against each element class the first time it is seen and remembered per class: one
 * lookup per class, never per call. Null-safe like {@link PathNode}.
 */
public final class ElementSteps {
    private final List<Expr.Step> steps;
    private final ClassValue<Object> resolved = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            try {
                return resolve(type);
            } catch (CompileException e) {
                return e;
            }
        }
    };

    public ElementSteps(List<Expr.Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The value at the end of the steps for {@code element}; throws when its class lacks a property. */
    public Object apply(Object element) {
        if (steps.isEmpty() || element == null) {
            return element;
        }
        Object handles = resolved.get(element.getClass());
        if (handles instanceof CompileException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        Object value = element;
        for (MethodHandle step : (MethodHandle[]) handles) {
            if (value == null) {
                return null;
            }
            try {
                value = step.invokeExact(value);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
        return value;
    }

    private MethodHandle[] resolve(Class<?> type) throws CompileException {
        MethodHandle[] handles = new MethodHandle[steps.size()];
        Class<?> current = type;
        for (int i = 0; i < handles.length; i++) {
            PropertyAccess.Resolved step = PropertyAccess.resolve(current, steps.get(i).name(), steps.get(i).call());
            handles[i] = step.handle();
            current = step.type();
        }
        return handles;
    }
}
