package io.cacheweaver.agent.http;

import io.cacheweaver.agent.lean.Arguments;
import io.cacheweaver.agent.lean.Boxing;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Writes, with plain ASM, the class file of a subclass whose chosen methods call an
 * {@link InvocationHandler}: what Byte Buddy's {@code subclass(base)} with
 * {@code InvocationHandlerAdapter.toField} made, without loading Byte Buddy's ≈ 690 classes at the
 * first servlet request (issue 17). In Java terms, for a base constructor {@code (A a)}:
 * <pre>{@code
 * public class Base$Cacheweaver extends Base {
 *     private final InvocationHandler cw$handler;
 *     private static final Method cw$method0 = Declaring.class.getMethod("name", int.class, ...);
 *     public Base$Cacheweaver(A a, InvocationHandler handler) { super(a); cw$handler = handler; }
 *     public R name(int x, ...) throws E {   // every overload of every routed name
 *         return (R) cw$handler.invoke(this, cw$method0, new Object[] {x, ...}); // null without parameters
 *     }
 * }
 * }</pre>
 * A primitive result is unboxed, so a handler answering {@code null} there throws a
 * NullPointerException, as Byte Buddy's adapter did; whatever the handler throws passes unchanged.
 * The code has no branch, so the class needs no stack map frames and ASM never loads a class to
 * compute them; it is written without lambdas and streams, whose bootstrap would cost the first
 * request what Byte Buddy's removal saves.
 */
final class WrapperClassWriter {
    private static final String HANDLER = "cw$handler";
    private static final String METHOD_PREFIX = "cw$method";
    private static final String HANDLER_TYPE = Type.getInternalName(InvocationHandler.class);
    private static final String HANDLER_DESCRIPTOR = Type.getDescriptor(InvocationHandler.class);
    private static final String METHOD_DESCRIPTOR = Type.getDescriptor(Method.class);
    private static final String OBJECT = "java/lang/Object";
    private static final String CLASS = "java/lang/Class";
    private static final String INVOKE = "(Ljava/lang/Object;Ljava/lang/reflect/Method;[Ljava/lang/Object;)Ljava/lang/Object;";
    private static final String GET_METHOD = "(Ljava/lang/String;[Ljava/lang/Class;)Ljava/lang/reflect/Method;";

    private WrapperClassWriter() {
    }

    /**
     * The public methods of {@code base} named in {@code names} that a subclass can override (not
     * static, not final), every overload, each as the most specific declaration {@code base} sees
     * ({@code getMethods()}: a class's own override hides the interface method it implements,
     * default interface methods count): the set Byte Buddy's
     * {@code namedOneOf(names).and(isVirtual()).and(not(isFinal()))} selected. Compiler bridges are
     * left out: the base's bridge calls the real method, which the subclass overrides.
     */
    static List<Method> routed(Class<?> base, Collection<String> names) {
        // sorted by name and parameters (getMethods() has no order): the same API always gives the same bytes
        Map<String, Method> bySignature = new TreeMap<>();
        for (Method method : base.getMethods()) {
            int modifiers = method.getModifiers();
            if (!names.contains(method.getName()) || Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)
                    || method.isBridge()) {
                continue;
            }
            String descriptor = Type.getMethodDescriptor(method);
            String signature = method.getName() + descriptor.substring(0, descriptor.indexOf(')') + 1);
            Method known = bySignature.get(signature);
            // an interface method a superclass narrowed the result of: the narrower one is overridden
            if (known == null || known.getReturnType().isAssignableFrom(method.getReturnType())) {
                bySignature.put(signature, method);
            }
        }
        return new ArrayList<>(bySignature.values());
    }

    /**
     * The class file of {@code name} (binary name), a public subclass of {@code superConstructor}'s
     * class whose one constructor takes that constructor's parameters and then the handler, and
     * whose {@code routed} methods call the handler.
     */
    static byte[] write(String name, Constructor<?> superConstructor, List<Method> routed) {
        String self = name.replace('.', '/');
        String base = Type.getInternalName(superConstructor.getDeclaringClass());
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, self, null, base, null);
        writer.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, HANDLER, HANDLER_DESCRIPTOR, null, null).visitEnd();
        for (int i = 0; i < routed.size(); i++) {
            writer.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, METHOD_PREFIX + i,
                    METHOD_DESCRIPTOR, null, null).visitEnd();
        }
        constructor(writer, self, base, superConstructor);
        for (int i = 0; i < routed.size(); i++) {
            override(writer, self, routed.get(i), METHOD_PREFIX + i);
        }
        methodCache(writer, self, routed);
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** {@code (P..., InvocationHandler handler) { super(P...); this.cw$handler = handler; }} */
    private static void constructor(ClassWriter writer, String self, String base, Constructor<?> superConstructor) {
        Type[] superParameters = Type.getType(superConstructor).getArgumentTypes();
        Type[] parameters = new Type[superParameters.length + 1];
        System.arraycopy(superParameters, 0, parameters, 0, superParameters.length);
        parameters[superParameters.length] = Type.getType(InvocationHandler.class);
        MethodVisitor code = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>",
                Type.getMethodDescriptor(Type.VOID_TYPE, parameters), null, null);
        code.visitCode();
        code.visitVarInsn(Opcodes.ALOAD, 0);
        int slot = 1;
        for (Type parameter : superParameters) {
            code.visitVarInsn(parameter.getOpcode(Opcodes.ILOAD), slot);
            slot += parameter.getSize();
        }
        code.visitMethodInsn(Opcodes.INVOKESPECIAL, base, "<init>", Type.getMethodDescriptor(Type.VOID_TYPE, superParameters), false);
        code.visitVarInsn(Opcodes.ALOAD, 0);
        code.visitVarInsn(Opcodes.ALOAD, slot);
        code.visitFieldInsn(Opcodes.PUTFIELD, self, HANDLER, HANDLER_DESCRIPTOR);
        code.visitInsn(Opcodes.RETURN);
        code.visitMaxs(0, 0);
        code.visitEnd();
    }

    /** {@code return (R) cw$handler.invoke(this, cw$methodN, args);} with the method's own signature and throws clause. */
    private static void override(ClassWriter writer, String self, Method method, String cache) {
        Class<?>[] thrown = method.getExceptionTypes();
        String[] exceptions = new String[thrown.length];
        for (int i = 0; i < thrown.length; i++) {
            exceptions[i] = Type.getInternalName(thrown[i]);
        }
        int access = Opcodes.ACC_PUBLIC | (method.isVarArgs() ? Opcodes.ACC_VARARGS : 0);
        MethodVisitor code = writer.visitMethod(access, method.getName(), Type.getMethodDescriptor(method), null,
                exceptions.length == 0 ? null : exceptions);
        code.visitCode();
        code.visitVarInsn(Opcodes.ALOAD, 0);
        code.visitFieldInsn(Opcodes.GETFIELD, self, HANDLER, HANDLER_DESCRIPTOR);
        code.visitVarInsn(Opcodes.ALOAD, 0);
        code.visitFieldInsn(Opcodes.GETSTATIC, self, cache, METHOD_DESCRIPTOR);
        Type[] parameters = Type.getArgumentTypes(method);
        if (parameters.length == 0) {
            code.visitInsn(Opcodes.ACONST_NULL); // as Byte Buddy's adapter (and java.lang.reflect.Proxy): no empty array
        } else {
            Arguments.push(code, parameters.length);
            code.visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
            int slot = 1;
            for (int i = 0; i < parameters.length; i++) {
                code.visitInsn(Opcodes.DUP);
                Arguments.push(code, i);
                code.visitVarInsn(parameters[i].getOpcode(Opcodes.ILOAD), slot);
                Boxing.box(code, parameters[i]);
                code.visitInsn(Opcodes.AASTORE);
                slot += parameters[i].getSize();
            }
        }
        code.visitMethodInsn(Opcodes.INVOKEINTERFACE, HANDLER_TYPE, "invoke", INVOKE, true);
        Type returned = Type.getReturnType(method);
        if (returned.getSort() == Type.VOID) {
            code.visitInsn(Opcodes.POP);
        } else {
            Boxing.unboxOrCast(code, returned);
        }
        code.visitInsn(returned.getOpcode(Opcodes.IRETURN));
        code.visitMaxs(0, 0);
        code.visitEnd();
    }

    /**
     * The class initializer: each {@code Method} looked up once, by name and parameter types on its
     * declaring type, as Byte Buddy's method cache did; the handler gets the very method overridden.
     */
    private static void methodCache(ClassWriter writer, String self, List<Method> routed) {
        MethodVisitor code = writer.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        code.visitCode();
        for (int i = 0; i < routed.size(); i++) {
            Method method = routed.get(i);
            code.visitLdcInsn(Type.getType(method.getDeclaringClass()));
            code.visitLdcInsn(method.getName());
            Class<?>[] parameters = method.getParameterTypes();
            Arguments.push(code, parameters.length);
            code.visitTypeInsn(Opcodes.ANEWARRAY, CLASS);
            for (int p = 0; p < parameters.length; p++) {
                code.visitInsn(Opcodes.DUP);
                Arguments.push(code, p);
                pushClass(code, Type.getType(parameters[p]));
                code.visitInsn(Opcodes.AASTORE);
            }
            code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CLASS, "getMethod", GET_METHOD, false);
            code.visitFieldInsn(Opcodes.PUTSTATIC, self, METHOD_PREFIX + i, METHOD_DESCRIPTOR);
        }
        code.visitInsn(Opcodes.RETURN);
        code.visitMaxs(0, 0);
        code.visitEnd();
    }

    /** A class constant: {@code int.class} and the like are the wrappers' {@code TYPE} fields, not constants. */
    private static void pushClass(MethodVisitor code, Type type) {
        String wrapper = Boxing.wrapper(type);
        if (wrapper != null) {
            code.visitFieldInsn(Opcodes.GETSTATIC, wrapper, "TYPE", "Ljava/lang/Class;");
        } else {
            code.visitLdcInsn(type);
        }
    }
}
