package io.cacheweaver.agent.http;

import io.cacheweaver.agent.lean.WovenClasses;
import io.cacheweaver.runtime.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The HTTP layer's transformer: weaves the server methods ({@link ServerClasses#methods}) with
 * plain ASM, in place, as the lean weaver weaves application methods, so that {@code http:} rules
 * never load Byte Buddy's weaving ({@code AgentBuilder}, {@code Advice}: ≈ 870 classes, ≈ 0.4 s of a
 * start on two cores; issue 17). Every other class, and
 * every other method of a woven class, passes as it is; on any failure the class loads unwoven and
 * one line says so. It never throws into the JVM.
 */
final class LeanServerWeaving implements ClassFileTransformer {
    private final Map<String, List<ServerMethod>> byInternalName;
    private final WovenClasses finished;

    /** {@code inst}, {@code dump}: see {@link WovenClasses}. */
    LeanServerWeaving(List<ServerMethod> methods, Instrumentation inst, String dump) {
        Map<String, List<ServerMethod>> byName = new HashMap<>();
        for (ServerMethod method : methods) {
            byName.computeIfAbsent(method.internalName(), name -> new ArrayList<>()).add(method);
        }
        this.byInternalName = Map.copyOf(byName);
        this.finished = new WovenClasses(inst, dump);
    }

    static LeanServerWeaving forServers(Instrumentation inst) {
        return new LeanServerWeaving(ServerClasses.methods(), inst, System.getProperty("net.bytebuddy.dump"));
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        return transform(null, loader, internalName, redefined, domain, bytes);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) {
        // called for every class the JVM loads from now on: one map lookup for all but three
        List<ServerMethod> methods = internalName == null ? null : byInternalName.get(internalName);
        if (methods == null) {
            return null;
        }
        String className = internalName.replace('/', '.');
        try {
            byte[] woven = weave(bytes, methods);
            if (woven == null) {
                AgentLog.debug(() -> "http: " + className + " has no method to instrument");
                return null;
            }
            finished.woven(module, className, woven);
            AgentLog.debug(() -> "http: instrumented " + className);
            return woven;
        } catch (Throwable t) {
            AgentLog.warn("http: could not instrument " + className + ": " + AgentLog.describe(t)
                    + "; its responses pass through untouched");
            return null;
        }
    }

    /** {@code bytes} with {@code methods} woven; null when the class declares none of them with code. */
    static byte[] weave(byte[] bytes, List<ServerMethod> methods) {
        ClassReader reader = new ClassReader(bytes);
        int version = reader.readUnsignedShort(6); // the major version
        String owner = reader.getClassName();
        // built on the reader: the constant pool and every method not woven are copied as they are
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] woven = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor original = super.visitMethod(access, name, descriptor, signature, exceptions);
                for (ServerMethod method : methods) {
                    if (method.matches(access, name, descriptor)) {
                        woven[0] = true;
                        return method.weave(original, owner, version);
                    }
                }
                return original;
            }
        }, ClassReader.EXPAND_FRAMES);
        return woven[0] ? writer.toByteArray() : null;
    }
}
