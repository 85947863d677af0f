package io.cacheweaver.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Calls a woven method again, with the receiver and arguments of a call that was served from
 * the cache: how a reload runs on an agent thread. The call goes through the woven code, whose
 * advice lets exactly that call through to the body and stores its result as a load.
 */
final class Invoker {
    private final MethodHandle handle;
    private final boolean isStatic;

    private Invoker(MethodHandle handle, boolean isStatic) {
        this.handle = handle;
        this.isStatic = isStatic;
    }

    /** The invoker of {@code method}, or {@code null} when it cannot be made accessible (a class in a closed module). */
    static Invoker of(Method method) {
        try {
            method.setAccessible(true);
            return new Invoker(MethodHandles.lookup().unreflect(method), Modifier.isStatic(method.getModifiers()));
        } catch (RuntimeException | IllegalAccessException e) {
            return null;
        }
    }

    Object invoke(Object self, Object[] args) throws Throwable {
        if (isStatic) {
            return handle.invokeWithArguments(args);
        }
        List<Object> all = new ArrayList<>(args.length + 1);
        all.add(self);
        all.addAll(Arrays.asList(args));
        return handle.invokeWithArguments(all);
    }
}
