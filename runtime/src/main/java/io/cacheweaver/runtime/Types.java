package io.cacheweaver.runtime;

import java.lang.invoke.MethodType;

/** Small facts about Java types the runtime needs. */
final class Types {
    private Types() {
    }

    static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
    }
}
