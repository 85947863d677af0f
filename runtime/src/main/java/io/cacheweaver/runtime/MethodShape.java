package io.cacheweaver.runtime;

import java.lang.ref.WeakReference;
import java.util.List;

/**
 * A woven method as the weaver saw it, before its class is loaded: names and types as text.
 * Parameter names come from the class file ({@code -parameters} or debug information); a name
 * is {@code null} when the class file has neither.
 *
 * @param descriptor JVM method descriptor, e.g. {@code (J)Lcom/shop/Product;}
 */
public record MethodShape(
        String declaringClass,
        String name,
        String descriptor,
        List<String> parameterNames,
        List<String> parameterTypes,
        String returnType,
        boolean isStatic,
        WeakReference<ClassLoader> loader) {

    public MethodShape {
        parameterNames = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameterNames));
        parameterTypes = List.copyOf(parameterTypes);
    }

    public boolean returnsVoid() {
        return "void".equals(returnType);
    }

    /** {@code com.shop.ProductDao#findById(long)}: how messages and JMX name a method. */
    public String display() {
        return declaringClass + "#" + name + "(" + String.join(", ", parameterTypes) + ")";
    }
}
