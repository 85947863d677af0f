package io.cacheweaver.agent.buildtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/** The build step that keeps the agent's Caffeine from initializing java.util.logging. */
class SystemLoggerPatchTest {
    private static byte[] classFile(String name) throws IOException {
        try (InputStream in = Caffeine.class.getClassLoader().getResourceAsStream(name + ".class")) {
            return in.readAllBytes();
        }
    }

    /** {@code owner.name} of every static call in the class. */
    private static List<String> staticCalls(byte[] bytes) {
        List<String> calls = new ArrayList<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                        if (opcode == Opcodes.INVOKESTATIC) {
                            calls.add(owner + "." + method);
                        }
                    }
                };
            }
        }, 0);
        return calls;
    }

    @Test
    void caffeinesLoggerLookupsBecomeLazyAndNothingElseChanges() throws IOException {
        for (String name : List.of("com/github/benmanes/caffeine/cache/Caffeine",
                "com/github/benmanes/caffeine/cache/BoundedLocalCache")) {
            byte[] original = classFile(name);
            byte[] patched = SystemLoggerPatch.patch(original);
            assertNotNull(patched, name + " asks for a System.Logger: the patch must find it");

            List<String> before = staticCalls(original);
            List<String> after = staticCalls(patched);
            assertEquals(0, after.stream().filter(call -> call.equals("java/lang/System.getLogger")).count(), name);
            assertEquals(before.stream().filter(call -> call.equals("java/lang/System.getLogger")).count(),
                    after.stream().filter(call -> call.equals(SystemLoggerPatch.LAZY + ".of")).count(), name);
            assertEquals(before.size(), after.size(), "one call replaced by one call: " + name);
        }
    }

    @Test
    void aClassThatDoesNotLogIsLeftAlone() throws IOException {
        assertNull(SystemLoggerPatch.patch(classFile("com/github/benmanes/caffeine/cache/Weigher")));
    }
}
