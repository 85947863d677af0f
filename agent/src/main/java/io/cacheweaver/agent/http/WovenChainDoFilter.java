package io.cacheweaver.agent.http;

import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Rewrites {@code com.sun.net.httpserver.Filter.Chain.doFilter(HttpExchange)}, where the JDK server
 * hands every request to the context's filters and handler, with the effect the Byte Buddy advice
 * had ({@code @OnMethodEnter(suppress = Throwable.class)}, the argument written):
 * <pre>{@code
 * try { exchange = (HttpExchange) HttpBridge.jdkExchange(exchange); } catch (Throwable t) { }
 * original body
 * }</pre>
 * The agent's exchange, when a rule applies, is what the filters and the handler see (the chain's
 * inner calls see it replaced already, and the bridge answers it unchanged). Nothing is added
 * after the body: no local, no other frame, the method's own code and frames as they were.
 */
final class WovenChainDoFilter extends MethodVisitor {
    private static final int EXCHANGE = 1;

    private final Object[] entry;
    private final String exchangeType;
    private final boolean frames;

    WovenChainDoFilter(MethodVisitor writer, String owner, Type exchange, int version) {
        super(Opcodes.ASM9, writer);
        this.exchangeType = exchange.getInternalName();
        this.entry = new Object[] {owner, exchangeType};
        this.frames = version >= Opcodes.V1_6;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        Label start = new Label();
        Label end = new Label();
        Label failed = new Label();
        Label body = new Label();
        super.visitTryCatchBlock(start, end, failed, null); // disjoint from every original range
        super.visitLabel(start);
        super.visitVarInsn(Opcodes.ALOAD, EXCHANGE);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, "io/cacheweaver/bootstrap/HttpBridge", "jdkExchange",
                "(Ljava/lang/Object;)Ljava/lang/Object;", false);
        super.visitTypeInsn(Opcodes.CHECKCAST, exchangeType); // something else than an exchange fails here, suppressed
        super.visitVarInsn(Opcodes.ASTORE, EXCHANGE);
        super.visitLabel(end);
        super.visitJumpInsn(Opcodes.GOTO, body);
        super.visitLabel(failed);
        if (frames) {
            super.visitFrame(Opcodes.F_NEW, entry.length, entry, 1, new Object[] {"java/lang/Throwable"});
        }
        super.visitInsn(Opcodes.POP); // the original exchange stands
        super.visitLabel(body);
        if (frames) {
            super.visitFrame(Opcodes.F_NEW, entry.length, entry, 0, new Object[0]);
        }
        super.visitInsn(Opcodes.NOP); // the body's own first frame, if any, must not share this offset
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(Math.max(maxStack, 1), maxLocals);
    }
}
