package io.cacheweaver.runtime.expr;

import java.lang.invoke.MethodHandle;

/** {@code root.step.step}: a receiver, argument or result followed by resolved property handles. Null-safe. */
final class PathNode implements Node {
    static final int THIS = -1;
    static final int RESULT = -2;

    private final int root;
    private final MethodHandle[] steps;

    private PathNode(int root, MethodHandle[] steps) {
        this.root = root;
        this.steps = steps;
    }

    static Node of(int root, MethodHandle[] steps) {
        return new PathNode(root, steps);
    }

    int root() {
        return root;
    }

    boolean hasSteps() {
        return steps.length > 0;
    }

    @Override
    public Object eval(Object self, Object[] args, Object result) {
        Object value = root == THIS ? self : root == RESULT ? result : args[root];
        for (MethodHandle step : steps) {
            if (value == null) {
                return null; // a null along the path is the value null, as ?. would give
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
}
