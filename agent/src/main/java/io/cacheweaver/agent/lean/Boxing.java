package io.cacheweaver.agent.lean;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Primitive values to and from the {@code Object}s the bridge takes and answers, as the woven code
 * converts them; public for the servlet wrappers ({@code http.WrapperClassWriter}), which convert
 * their handler's arguments and results the same way.
 */
public final class Boxing {
    private static final String OBJECT = "java/lang/Object";

    private Boxing() {
    }

    /** The internal name of {@code type}'s wrapper; {@code null} for references (and void). */
    public static String wrapper(Type type) {
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

    /** The value of {@code type} on the stack as an Object (unchanged for references). */
    public static void box(MethodVisitor code, Type type) {
        String wrapper = wrapper(type);
        if (wrapper != null) {
            code.visitMethodInsn(Opcodes.INVOKESTATIC, wrapper, "valueOf", "(" + type.getDescriptor() + ")L" + wrapper + ";", false);
        }
    }

    /** The Object on the stack as {@code type}: unboxed for primitives, cast for anything but Object. */
    public static void unboxOrCast(MethodVisitor code, Type type) {
        String wrapper = wrapper(type);
        if (wrapper != null) {
            code.visitTypeInsn(Opcodes.CHECKCAST, wrapper);
            code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, wrapper, type.getClassName() + "Value", "()" + type.getDescriptor(), false);
        } else if (!type.getInternalName().equals(OBJECT)) {
            code.visitTypeInsn(Opcodes.CHECKCAST, type.getInternalName());
        }
    }
}
