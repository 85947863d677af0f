package io.cacheweaver.agent.http;

import io.cacheweaver.agent.lean.Frames;
import io.cacheweaver.agent.lean.SlotShift;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Rewrites {@code HttpServlet.service(ServletRequest, ServletResponse)} in place, with the effect
 * the Byte Buddy advice had ({@code @OnMethodEnter}/{@code @OnMethodExit(onThrowable)}, both
 * suppressing every Throwable of their own). In Java terms:
 * <pre>{@code
 * Object call = null;
 * try {
 *     call = HttpBridge.servletEnter(HttpServlet.class, request, response);
 *     if (call != null) response = (ServletResponse) HttpBridge.servletResponse(call, response);
 * } catch (Throwable t) { call = null; }                // the original arguments stand
 * try { original body, every return a jump to `done` }
 * catch (Throwable t) {
 *     try { HttpBridge.servletExit(call, t); } catch (Throwable ignored) { }
 *     throw t;                                          // unchanged
 * }
 * done: try { HttpBridge.servletExit(call, null); } catch (Throwable ignored) { }
 * return;
 * }</pre>
 * The exchange ({@code call}) lives in a new slot right after the parameters, every original local
 * above it moving up one, and every original frame shows it there ({@link SlotShift}). The code after
 * the body is outside every range of the method's own exception table, so its handlers never see
 * the agent's calls and the catch-all (last in the table) never sees its own exit code. Returns
 * become jumps so that the exit call can be guarded without keeping a value: the method is void.
 */
final class WovenServletService extends MethodVisitor {
    private static final String BRIDGE = "io/cacheweaver/bootstrap/HttpBridge";
    private static final String OBJECT = "java/lang/Object";
    private static final String THROWABLE = "java/lang/Throwable";
    private static final String EXIT = "(Ljava/lang/Object;Ljava/lang/Throwable;)V";
    private static final int REQUEST = 1;
    private static final int RESPONSE = 2;

    private final String owner;
    private final Type[] parameters;
    private final int call;
    private final int thrown; // only in the catch-all handler, where no original local is live
    private final boolean frames;
    private final boolean classConstants;
    private final Label body = new Label();
    private final Label done = new Label();

    private WovenServletService(MethodVisitor writer, String owner, Type[] parameters, int version) {
        super(Opcodes.ASM9, writer);
        this.owner = owner;
        this.parameters = parameters;
        this.call = 1 + parameters[0].getSize() + parameters[1].getSize();
        this.thrown = call + 1;
        this.frames = version >= Opcodes.V1_6;
        this.classConstants = version >= Opcodes.V1_5;
    }

    /** The visitor that weaves {@code service}: this one, behind a {@link SlotShift} that makes room for the exchange. */
    static MethodVisitor of(MethodVisitor writer, String owner, Type[] parameters, int version) {
        WovenServletService woven = new WovenServletService(writer, owner, parameters, version);
        return new SlotShift(woven, woven.call);
    }

    @Override
    public void visitCode() {
        super.visitCode();
        Label start = new Label();
        Label end = new Label();
        Label failed = new Label();
        super.visitTryCatchBlock(start, end, failed, null); // disjoint from every original range
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitVarInsn(Opcodes.ASTORE, call);
        super.visitLabel(start);
        pushServletType();
        super.visitVarInsn(Opcodes.ALOAD, REQUEST);
        super.visitVarInsn(Opcodes.ALOAD, RESPONSE);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "servletEnter",
                "(Ljava/lang/Class;Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;", false);
        super.visitVarInsn(Opcodes.ASTORE, call);
        super.visitVarInsn(Opcodes.ALOAD, call);
        super.visitJumpInsn(Opcodes.IFNULL, body);
        super.visitVarInsn(Opcodes.ALOAD, call);
        super.visitVarInsn(Opcodes.ALOAD, RESPONSE);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "servletResponse",
                "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;", false);
        // the parameter's own type: the body passes it on as that (a wrong wrapper fails here, suppressed)
        super.visitTypeInsn(Opcodes.CHECKCAST, parameters[1].getInternalName());
        super.visitVarInsn(Opcodes.ASTORE, RESPONSE);
        super.visitLabel(end);
        super.visitJumpInsn(Opcodes.GOTO, body);
        super.visitLabel(failed);
        Object[] entry = Frames.atEntry(owner, parameters);
        frame(entry, THROWABLE);
        super.visitInsn(Opcodes.POP);
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitVarInsn(Opcodes.ASTORE, call); // as Byte Buddy's suppression does: the exchange is null
        super.visitLabel(body);
        frame(entry);
        super.visitInsn(Opcodes.NOP); // the body's own first frame, if any, must not share this offset
    }

    /** The class itself, as {@code @Advice.Origin Class} gave it: a class constant, or by name before Java 5. */
    private void pushServletType() {
        if (classConstants) {
            super.visitLdcInsn(Type.getObjectType(owner));
        } else {
            super.visitLdcInsn(owner.replace('/', '.'));
            super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Class", "forName", "(Ljava/lang/String;)Ljava/lang/Class;",
                    false);
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode == Opcodes.RETURN) {
            super.visitJumpInsn(Opcodes.GOTO, done);
            return;
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        Label end = new Label();
        super.visitLabel(end);
        Object[] onlyCall = Frames.onlyToken(call);

        // a normal return: servletExit(call, null), its own failure dropped
        Label exitStart = new Label();
        Label exitEnd = new Label();
        Label exitFailed = new Label();
        super.visitLabel(done);
        frame(onlyCall);
        super.visitLabel(exitStart);
        super.visitVarInsn(Opcodes.ALOAD, call);
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "servletExit", EXIT, false);
        super.visitLabel(exitEnd);
        super.visitInsn(Opcodes.RETURN);
        super.visitLabel(exitFailed);
        frame(onlyCall, THROWABLE);
        super.visitInsn(Opcodes.POP);
        super.visitInsn(Opcodes.RETURN);

        // an exception leaving the body: servletExit(call, thrown), its own failure dropped, thrown rethrown
        Label handler = new Label();
        Label failStart = new Label();
        Label failEnd = new Label();
        Label rethrow = new Label();
        Label failFailed = new Label();
        Object[] withThrown = new Object[thrown + 1];
        System.arraycopy(onlyCall, 0, withThrown, 0, onlyCall.length);
        withThrown[thrown] = THROWABLE;
        super.visitLabel(handler);
        frame(onlyCall, THROWABLE);
        super.visitVarInsn(Opcodes.ASTORE, thrown);
        super.visitLabel(failStart);
        super.visitVarInsn(Opcodes.ALOAD, call);
        super.visitVarInsn(Opcodes.ALOAD, thrown);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "servletExit", EXIT, false);
        super.visitLabel(failEnd);
        super.visitLabel(rethrow);
        frame(withThrown);
        super.visitVarInsn(Opcodes.ALOAD, thrown);
        super.visitInsn(Opcodes.ATHROW);
        super.visitLabel(failFailed);
        frame(withThrown, THROWABLE);
        super.visitInsn(Opcodes.POP);
        super.visitJumpInsn(Opcodes.GOTO, rethrow);

        // after the method's own entries: its handlers come first for its own code
        super.visitTryCatchBlock(body, end, handler, null);
        super.visitTryCatchBlock(exitStart, exitEnd, exitFailed, null);
        super.visitTryCatchBlock(failStart, failEnd, failFailed, null);
        super.visitMaxs(Math.max(maxStack, 3), Math.max(maxLocals + 1, thrown + 1));
    }

    /** A frame with these locals and an empty stack, or {@code stack} alone on it; none in a class file without frames. */
    private void frame(Object[] locals, Object... stack) {
        if (frames) {
            super.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
        }
    }
}
