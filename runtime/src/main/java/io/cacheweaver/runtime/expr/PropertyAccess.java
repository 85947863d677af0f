package io.cacheweaver.runtime.expr;

import io.cacheweaver.rules.expr.Expr;
import io.cacheweaver.rules.expr.PropertyNaming;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.TreeSet;

/**
 * Resolves one {@code .name} step against a static type, once, into a method handle of type
 * {@code (Object)Object}: getter {@code getName()}, {@code isName()}, record accessor or
 * zero-argument method {@code name()}, or public field {@code name}, as {@link PropertyNaming} says.
 */
final class PropertyAccess {
    private static final MethodType GENERIC = MethodType.methodType(Object.class, Object.class);

    private PropertyAccess() {
    }

    /** The handle and the static type of what it returns. */
    record Resolved(MethodHandle handle, Class<?> type) {
    }

    static Resolved resolve(Class<?> owner, String name, boolean call) throws CompileException {
        if (owner.isPrimitive()) {
            throw new CompileException("a " + owner.getName() + " has no property \"" + name + "\"");
        }
        Expr.Step step = new Expr.Step(name, call);
        Method method = null;
        for (String candidate : PropertyNaming.methodNames(step)) {
            Method m = zeroArg(owner, candidate);
            if (m != null && (!PropertyNaming.needsBoolean(step, candidate)
                    || m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
                method = m;
                break;
            }
        }
        try {
            if (method != null) {
                return new Resolved(unreflect(method), method.getReturnType());
            }
            if (!call) {
                Field field = publicField(owner, name);
                if (field != null) {
                    MethodHandle getter = MethodHandles.publicLookup().unreflectGetter(field);
                    return new Resolved(getter.asType(GENERIC), field.getType());
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new CompileException("cannot access " + owner.getName() + "." + name + ": " + e.getMessage());
        }
        throw new CompileException(owner.getName() + " has no " + (call ? "method " + name + "()" : "property \"" + name + "\"")
                + "; available: " + available(owner));
    }

    private static MethodHandle unreflect(Method method) throws IllegalAccessException {
        if (Modifier.isStatic(method.getModifiers())) {
            throw new IllegalAccessException(method.getName() + " is static");
        }
        MethodHandle handle;
        if (Modifier.isPublic(method.getModifiers()) && Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
            handle = MethodHandles.publicLookup().unreflect(method);
        } else {
            method.setAccessible(true); // package-private application classes are common in legacy code
            handle = MethodHandles.lookup().unreflect(method);
        }
        return handle.asType(GENERIC);
    }

    private static Method zeroArg(Class<?> owner, String name) {
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 0 && !m.isSynthetic()
                        && !Modifier.isStatic(m.getModifiers()) && m.getReturnType() != void.class) {
                    return publicEquivalent(owner, m);
                }
            }
        }
        for (Method m : owner.getMethods()) { // interface methods, including defaults
            if (m.getName().equals(name) && m.getParameterCount() == 0 && m.getReturnType() != void.class
                    && !Modifier.isStatic(m.getModifiers())) {
                return m;
            }
        }
        // every interface-typed value is still an Object: getClass(), hashCode(), toString()
        return owner.isInterface() ? zeroArg(Object.class, name) : null;
    }

    /** Prefer the public interface/superclass declaration: a public method of a non-public class is not otherwise callable. */
    private static Method publicEquivalent(Class<?> owner, Method m) {
        if (Modifier.isPublic(m.getDeclaringClass().getModifiers()) || !Modifier.isPublic(m.getModifiers())) {
            return m;
        }
        try {
            Method viaPublic = owner.getMethod(m.getName());
            return Modifier.isPublic(viaPublic.getDeclaringClass().getModifiers()) ? viaPublic : m;
        } catch (NoSuchMethodException e) {
            return m;
        }
    }

    private static Field publicField(Class<?> owner, String name) {
        try {
            Field field = owner.getField(name);
            return Modifier.isStatic(field.getModifiers()) ? null : field;
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static String available(Class<?> owner) {
        TreeSet<String> names = new TreeSet<>();
        for (Method m : owner.getMethods()) {
            if (m.getParameterCount() != 0 || m.getReturnType() == void.class || Modifier.isStatic(m.getModifiers())
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            names.add(PropertyNaming.stepFor(m.getName()));
        }
        for (Field f : owner.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                names.add(f.getName());
            }
        }
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }
}
