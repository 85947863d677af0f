package io.cacheweaver.agent.lean;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The stack map frames of a woven method, in ASM's expanded form (one entry per value; a
 * {@code long} or {@code double} is one entry of two slots). The token lives in the slot right
 * after the parameters, and every frame must show it there. Public for the HTTP layer's servlet
 * weaving ({@code agent/http}), whose token is the servlet exchange.
 */
public final class Frames {
    private static final String OBJECT = "java/lang/Object";

    private Frames() {
    }

    /** Where the body starts: {@code this} (null for a static method), the parameters as declared, the token. */
    public static Object[] atEntry(String owner, Type[] parameters) {
        List<Object> locals = new ArrayList<>();
        if (owner != null) {
            locals.add(owner);
        }
        for (Type parameter : parameters) {
            locals.add(switch (parameter.getSort()) {
                case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> Opcodes.INTEGER;
                case Type.LONG -> Opcodes.LONG;
                case Type.FLOAT -> Opcodes.FLOAT;
                case Type.DOUBLE -> Opcodes.DOUBLE;
                default -> parameter.getInternalName(); // arrays: their descriptor, as frames write them
            });
        }
        locals.add(OBJECT);
        return locals.toArray();
    }

    /** The catch-all handler's locals: nothing usable but the token in slot {@code token}. */
    public static Object[] onlyToken(int token) {
        Object[] locals = new Object[token + 1];
        Arrays.fill(locals, Opcodes.TOP);
        locals[token] = OBJECT;
        return locals;
    }

    /** An original frame's locals with the token inserted at its slot (those above it move up one). */
    public static Object[] withToken(Object[] locals, int count, int token) {
        List<Object> withToken = new ArrayList<>(count + 1);
        int slots = 0;
        int i = 0;
        while (slots < token && i < count) {
            Object local = locals[i++];
            withToken.add(local);
            slots += local == Opcodes.LONG || local == Opcodes.DOUBLE ? 2 : 1;
        }
        while (slots < token) { // the frame ends before the token's slot: what lies between is unusable
            withToken.add(Opcodes.TOP);
            slots++;
        }
        withToken.add(OBJECT);
        while (i < count) {
            withToken.add(locals[i++]);
        }
        return withToken.toArray();
    }
}
