package io.cacheweaver.runtime.expr;

import java.util.List;

/**
 * What an expression may refer to in one woven method.
 *
 * @param parameterTypes {@code null} while the class is not loaded yet (names-only checks)
 * @param resultType     the return type, or {@code null} where {@code result} is not allowed
 */
public record CallSignature(List<String> parameterNames, Class<?>[] parameterTypes, Class<?> declaringClass,
                            boolean isStatic, Class<?> resultType) {

    public int parameterCount() {
        return parameterNames.size();
    }

    String availableParameters() {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < parameterNames.size(); i++) {
            if (names.length() > 0) {
                names.append(", ");
            }
            String name = parameterNames.get(i);
            names.append(name == null ? "" : name + " or ").append(i);
        }
        return names.length() == 0 ? "none (the method has no parameters)" : names.toString();
    }
}
