package io.cacheweaver.agent.lean;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Rewrites one method's code in place as it streams from the class reader to the writer, with
 * the same effect as the Byte Buddy advice ({@code CacheAdvice*} or {@code BatchAdvice} with
 * {@code CacheExit}, or {@code ObserveAdvice}):
 * <ul>
 *   <li>at the start, the bridge's enter call; its token goes to a new local slot right after the
 *       parameters (every original local above it moves up one), and for a cache rule a hit
 *       returns the cached value at once: the only branch added, so the only frame added to the
 *       body (the parameters as declared, plus the token); for a batch rule, before that, the
 *       arguments the runtime answers (only the missing elements) replace the caller's;</li>
 *   <li>before every return, a straight-line call into the bridge with the value on the stack, the
 *       token and the site: no branch, so no frame;</li>
 *   <li>one catch-all handler around the original code (not around the code added at returns,
 *       which must not run twice), last in the exception table so the method's own handlers come
 *       first; its frame needs only the token, so what the body does with its parameters never
 *       matters to it.</li>
 * </ul>
 * Built behind a {@link SlotShift} ({@link #of}), which moves the original locals and frames to
 * make room for the token; the code added here uses the token's slot as it is.
 */
final class WovenMethod extends MethodVisitor {
    private static final String BRIDGE = "io/cacheweaver/bootstrap/CacheBridge";
    private static final String HIT = "io/cacheweaver/bootstrap/CacheHit";
    /** The most any added sequence pushes beyond what the method itself had on its stack. */
    private static final int EXTRA_STACK = 8;

    private final int site;
    private final boolean skipsBody;
    private final boolean replacesArguments;
    private final boolean isStatic;
    private final String owner;
    private final Type[] parameters;
    private final Type returned;
    private final int token;
    private final boolean frames;
    private final List<Label[]> covered = new ArrayList<>(); // [start, end) pairs of original code
    private Label segment;

    /**
     * @param site      the site id the bridge calls carry
     * @param skipsBody a cache (or write-behind) rule: a hit answers, a failure may be answered; otherwise put/evict
     * @param replacesArguments a batch rule ({@code each}): the body may run with arguments the runtime answers
     * @param frames    whether the class file has stack map frames (version 50 and later)
     */
    private WovenMethod(MethodVisitor writer, int site, boolean skipsBody, boolean replacesArguments, int access, String owner,
                        String descriptor, boolean frames) {
        super(Opcodes.ASM9, writer);
        this.site = site;
        this.skipsBody = skipsBody;
        this.replacesArguments = replacesArguments;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.owner = owner;
        this.parameters = Type.getArgumentTypes(descriptor);
        this.returned = Type.getReturnType(descriptor);
        this.token = (Type.getArgumentsAndReturnSizes(descriptor) >> 2) - (isStatic ? 1 : 0);
        this.frames = frames;
    }

    /**
     * The visitor that weaves one method: this one, behind a {@link SlotShift} that makes room for
     * the token (parameters as for the constructor).
     */
    static MethodVisitor of(MethodVisitor writer, int site, boolean skipsBody, boolean replacesArguments, int access,
                            String owner, String descriptor, boolean frames) {
        WovenMethod woven = new WovenMethod(writer, site, skipsBody, replacesArguments, access, owner, descriptor, frames);
        return new SlotShift(woven, woven.token);
    }

    @Override
    public void visitCode() {
        super.visitCode();
        pushSite();
        if (isStatic) {
            super.visitInsn(Opcodes.ACONST_NULL);
        } else {
            super.visitVarInsn(Opcodes.ALOAD, 0);
        }
        int count = parameters.length;
        if (skipsBody && !replacesArguments && count >= 1 && count <= 3) {
            // the arity forms of the cache advice: no argument array, a leading long (of two or three) unboxed
            boolean longFirst = count > 1 && parameters[0].getSort() == Type.LONG;
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "enter" + count + (longFirst ? "L" : ""),
                    Arguments.pushOneByOne(mv, parameters, isStatic, longFirst), false);
        } else {
            Arguments.pushArray(mv, parameters, isStatic);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "enter",
                    "(ILjava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;", false);
        }
        super.visitVarInsn(Opcodes.ASTORE, token);
        if (replacesArguments) {
            pushSite();
            super.visitVarInsn(Opcodes.ALOAD, token);
            Arguments.replace(mv, parameters, isStatic, frames ? Frames.atEntry(isStatic ? null : owner, parameters) : null);
        }
        Label body = new Label();
        if (skipsBody) {
            super.visitVarInsn(Opcodes.ALOAD, token);
            super.visitTypeInsn(Opcodes.INSTANCEOF, HIT);
            super.visitJumpInsn(Opcodes.IFEQ, body);
            if (returned.getSort() != Type.VOID) {
                super.visitVarInsn(Opcodes.ALOAD, token);
                super.visitTypeInsn(Opcodes.CHECKCAST, HIT);
                super.visitFieldInsn(Opcodes.GETFIELD, HIT, "value", "Ljava/lang/Object;");
                Boxing.unboxOrCast(mv, returned);
            }
            super.visitInsn(returned.getOpcode(Opcodes.IRETURN));
        }
        super.visitLabel(body);
        if (skipsBody && frames) {
            Object[] entry = Frames.atEntry(isStatic ? null : owner, parameters);
            super.visitFrame(Opcodes.F_NEW, entry.length, entry, 0, new Object[0]);
            super.visitInsn(Opcodes.NOP); // the body's own first frame, if any, must not share this offset
        }
        segment = body;
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            closeSegment();
            exit();
            super.visitInsn(opcode);
            segment = new Label();
            super.visitLabel(segment);
            return;
        }
        super.visitInsn(opcode);
    }

    /** The value to return is on the stack (nothing for void); the bridge sees it and, for a cache rule, may replace it. */
    private void exit() {
        int sort = returned.getSort();
        if (skipsBody) {
            if (sort == Type.VOID) {
                super.visitInsn(Opcodes.ACONST_NULL);
            } else {
                Boxing.box(mv, returned);
            }
            pushTokenAndSite();
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "returned",
                    "(Ljava/lang/Object;Ljava/lang/Object;I)Ljava/lang/Object;", false);
            if (sort == Type.VOID) {
                super.visitInsn(Opcodes.POP);
            } else {
                Boxing.unboxOrCast(mv, returned);
            }
            return;
        }
        if (sort == Type.VOID) {
            super.visitInsn(Opcodes.ACONST_NULL);
        } else {
            super.visitInsn(returned.getSize() == 2 ? Opcodes.DUP2 : Opcodes.DUP);
            Boxing.box(mv, returned);
        }
        pushTokenAndSite();
        super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "observed", "(Ljava/lang/Object;Ljava/lang/Object;I)V", false);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        closeSegment();
        Label handler = new Label();
        super.visitLabel(handler);
        if (frames) {
            Object[] locals = Frames.onlyToken(token);
            super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
        }
        if (skipsBody) {
            pushTokenAndSite();
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "failed",
                    "(Ljava/lang/Throwable;Ljava/lang/Object;I)Ljava/lang/Object;", false);
            if (returned.getSort() == Type.VOID) {
                super.visitInsn(Opcodes.POP);
            } else {
                Boxing.unboxOrCast(mv, returned);
            }
            super.visitInsn(returned.getOpcode(Opcodes.IRETURN));
        } else {
            super.visitInsn(Opcodes.DUP);
            pushTokenAndSite();
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "observedFailure",
                    "(Ljava/lang/Throwable;Ljava/lang/Object;I)V", false);
            super.visitInsn(Opcodes.ATHROW);
        }
        for (Label[] range : covered) {
            // last in the table: the method's own handlers, visited before its code, come first
            super.visitTryCatchBlock(range[0], range[1], handler, null);
        }
        super.visitMaxs(Math.min(maxStack + EXTRA_STACK, 0xFFFF), maxLocals + 1);
    }

    /** Ends the current stretch of original code; an empty one (a return right after a return) is no range at all. */
    private void closeSegment() {
        Label end = new Label();
        super.visitLabel(end);
        if (segment != null && end.getOffset() > segment.getOffset()) {
            covered.add(new Label[] {segment, end});
        }
        segment = null;
    }

    private void pushTokenAndSite() {
        super.visitVarInsn(Opcodes.ALOAD, token);
        pushSite();
    }

    private void pushSite() {
        Arguments.push(mv, site);
    }

}
