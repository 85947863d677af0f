package io.cacheweaver.agent.lean;

import net.bytebuddy.jar.asm.Type;

/** The wrapper class of a primitive type, as the woven code boxes and unboxes it. */
final class Boxing {
    private Boxing() {
    }

    /** The internal name of {@code type}'s wrapper; {@code null} for references (and void). */
    static String wrapper(Type type) {
        return switch (type.getSort()) {
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.BYTE -> "java/lang/Byte";
            case Type.CHAR -> "java/lang/Character";
            case Type.SHORT -> "java/lang/Short";
            case Type.INT -> "java/lang/Integer";
            case Type.LONG -> "java/lang/Long";
            case Type.FLOAT -> "java/lang/Float";
            case Type.DOUBLE -> "java/lang/Double";
            default -> null;
        };
    }
}
