package io.cacheweaver.agent.buildtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Build step of the agent jar (agent/pom.xml, {@code package} phase; never shipped): in the
 * agent's copy of Caffeine, every {@code System.getLogger(String)} becomes
 * {@code LazySystemLogger.of(String)}. Caffeine's classes ask for a logger in their static
 * initializers, and {@code System.getLogger} initializes {@code java.util.logging}'s LogManager:
 * the agent's first cache would do that before the application chose its own LogManager, which
 * is what the deferred JMX registration exists to avoid (docs/operations.md, "When they appear").
 * Fails the build when no call is found (a Caffeine upgrade must be looked at).
 *
 * <p>Usage: {@code SystemLoggerPatch <directory with the unpacked com/github/benmanes/caffeine classes>}.
 */
public final class SystemLoggerPatch {
    static final String PATCHED_PACKAGE = "com/github/benmanes/caffeine/";
    static final String LAZY = "io/cacheweaver/runtime/LazySystemLogger";
    private static final String GET_LOGGER = "(Ljava/lang/String;)Ljava/lang/System$Logger;";

    private SystemLoggerPatch() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SystemLoggerPatch <classes directory>");
        }
        Path root = Paths.get(args[0]);
        List<Path> classes;
        try (Stream<Path> files = Files.walk(root.resolve(PATCHED_PACKAGE))) {
            classes = files.filter(file -> file.toString().endsWith(".class")).collect(Collectors.toList());
        }
        int patched = 0;
        for (Path file : classes) {
            byte[] bytes = patch(Files.readAllBytes(file));
            if (bytes != null) {
                Files.write(file, bytes);
                patched++;
            }
        }
        if (patched == 0) {
            throw new IllegalStateException("no System.getLogger call found under " + root.resolve(PATCHED_PACKAGE)
                    + ": has Caffeine changed how it logs?");
        }
        System.out.println("[SystemLoggerPatch] " + patched + " Caffeine classes look up their logger lazily");
    }

    /** The class with every {@code System.getLogger(String)} replaced, or {@code null} when it has none. */
    static byte[] patch(byte[] original) {
        ClassReader reader = new ClassReader(original);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] found = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor, boolean isInterface) {
                        if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System") && method.equals("getLogger")
                                && methodDescriptor.equals(GET_LOGGER)) {
                            found[0] = true;
                            super.visitMethodInsn(opcode, LAZY, "of", GET_LOGGER, false);
                        } else {
                            super.visitMethodInsn(opcode, owner, method, methodDescriptor, isInterface);
                        }
                    }
                };
            }
        }, 0);
        return found[0] ? writer.toByteArray() : null;
    }
}
