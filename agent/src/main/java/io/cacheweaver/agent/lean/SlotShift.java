package io.cacheweaver.agent.lean;

import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.TypePath;

/**
 * Makes room for one new local right after a method's parameters, as the method's code streams
 * past: every original local at or above that slot moves up one, and every original stack map
 * frame shows an {@code Object} there. It sits in front of the visitor that weaves (the original
 * code reaches that one already moved), so the woven code uses the new slot as it is. Needs
 * expanded frames ({@code ClassReader.EXPAND_FRAMES}).
 */
public final class SlotShift extends MethodVisitor {
    private final int slot;

    /** {@code slot}: the first slot after the parameters ({@code this} included), where the new local lives. */
    public SlotShift(MethodVisitor weaving, int slot) {
        super(Opcodes.ASM9, weaving);
        this.slot = slot;
    }

    @Override
    public void visitVarInsn(int opcode, int local) {
        super.visitVarInsn(opcode, shifted(local));
    }

    @Override
    public void visitIincInsn(int local, int increment) {
        super.visitIincInsn(shifted(local), increment);
    }

    @Override
    public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end, int local) {
        super.visitLocalVariable(name, descriptor, signature, start, end, shifted(local));
    }

    @Override
    public AnnotationVisitor visitLocalVariableAnnotation(int typeRef, TypePath typePath, Label[] start, Label[] end,
                                                          int[] locals, String descriptor, boolean visible) {
        int[] moved = new int[locals.length];
        for (int i = 0; i < locals.length; i++) {
            moved[i] = shifted(locals[i]);
        }
        return super.visitLocalVariableAnnotation(typeRef, typePath, start, end, moved, descriptor, visible);
    }

    @Override
    public void visitFrame(int type, int localCount, Object[] locals, int stackCount, Object[] stack) {
        if (type != Opcodes.F_NEW) {
            throw new IllegalStateException("frames must be expanded"); // the class is then left as it is (or to Byte Buddy)
        }
        Object[] moved = Frames.withToken(locals, localCount, slot);
        super.visitFrame(type, moved.length, moved, stackCount, stack);
    }

    private int shifted(int local) {
        return local >= slot ? local + 1 : local;
    }
}
