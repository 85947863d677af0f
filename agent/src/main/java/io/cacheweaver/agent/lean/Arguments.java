package io.cacheweaver.agent.lean;

import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The code {@link WovenMethod} adds around a method's arguments: passing them to the bridge's
 * enter call (one by one, or as an array) and, for a batch rule, storing the arguments the runtime
 * answers back into the parameters. Written straight to the next visitor, so the parameters'
 * slots are never shifted (they all lie below the token's).
 */
public final class Arguments {
    private static final String BRIDGE = "io/cacheweaver/bootstrap/CacheBridge";
    private static final String OBJECT = "java/lang/Object";

    private Arguments() {
    }

    /** Pushes the arguments one by one; answers the descriptor of the enter form that takes them so. */
    static String pushOneByOne(MethodVisitor mv, Type[] parameters, boolean isStatic, boolean longFirst) {
        StringBuilder descriptor = new StringBuilder("(ILjava/lang/Object;");
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < parameters.length; i++) {
            if (i == 0 && longFirst) {
                mv.visitVarInsn(Opcodes.LLOAD, slot);
                descriptor.append('J');
            } else {
                loadBoxed(mv, parameters[i], slot);
                descriptor.append("Ljava/lang/Object;");
            }
            slot += parameters[i].getSize();
        }
        return descriptor.append(")Ljava/lang/Object;").toString();
    }

    /** Pushes a new {@code Object[]} holding every argument, boxed. */
    static void pushArray(MethodVisitor mv, Type[] parameters, boolean isStatic) {
        push(mv, parameters.length);
        mv.visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < parameters.length; i++) {
            mv.visitInsn(Opcodes.DUP);
            push(mv, i);
            loadBoxed(mv, parameters[i], slot);
            mv.visitInsn(Opcodes.AASTORE);
            slot += parameters[i].getSize();
        }
    }

    /**
     * With the site and the token on the stack: {@code Object[] replaced = CacheBridge.arguments(site,
     * token); if (replaced != null) { each parameter = (its type) replaced[i]; }}. A branch, so a frame
     * where the two paths meet: {@code entry} (the locals at the body's start), the array still on
     * the stack; {@code null} for a class file without frames.
     */
    static void replace(MethodVisitor mv, Type[] parameters, boolean isStatic, Object[] entry) {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "arguments", "(ILjava/lang/Object;)[Ljava/lang/Object;", false);
        mv.visitInsn(Opcodes.DUP);
        Label kept = new Label();
        mv.visitJumpInsn(Opcodes.IFNULL, kept);
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < parameters.length; i++) {
            mv.visitInsn(Opcodes.DUP);
            push(mv, i);
            mv.visitInsn(Opcodes.AALOAD);
            Boxing.unboxOrCast(mv, parameters[i]);
            mv.visitVarInsn(parameters[i].getOpcode(Opcodes.ISTORE), slot);
            slot += parameters[i].getSize();
        }
        mv.visitLabel(kept);
        if (entry != null) {
            mv.visitFrame(Opcodes.F_NEW, entry.length, entry, 1, new Object[] {"[Ljava/lang/Object;"});
        }
        mv.visitInsn(Opcodes.POP);
    }

    /** The shortest instruction that pushes {@code value}. */
    public static void push(MethodVisitor mv, int value) {
        if (value >= -1 && value <= 5) {
            mv.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.BIPUSH, value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.SIPUSH, value);
        } else {
            mv.visitLdcInsn(value);
        }
    }

    private static void loadBoxed(MethodVisitor mv, Type type, int slot) {
        mv.visitVarInsn(type.getOpcode(Opcodes.ILOAD), slot);
        Boxing.box(mv, type);
    }
}
