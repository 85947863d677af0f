package io.cacheweaver.agent.buildtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Build step of the agent jar (agent/pom.xml, {@code package} phase; never shipped): patches Byte
 * Buddy's two {@code CreationAction}s so that they no longer generate, with the whole Byte Buddy
 * pipeline, a {@code $ByteBuddy$ModuleSupport} transformer subclass when {@code ExecutingTransformer}
 * and {@code WithDelegation.Substitutable} initialize (≈ 360 extra classes at startup).
 *
 * <p>{@code run()} is renamed {@value #GENERATING} and a new {@code run()} returns
 * {@code PrecompiledModuleSupport}'s factory for the same subclass compiled ahead of time; if that
 * throws anything or returns null, it calls {@value #GENERATING}: Byte Buddy's own code, untouched.
 * Fails the build if a class is not shaped as expected (a Byte Buddy upgrade must be looked at).
 *
 * <p>Usage: {@code ModuleSupportPatch <directory with the unpacked net/bytebuddy classes>}.
 */
public final class ModuleSupportPatch {
    static final String GENERATING = "runGeneratingModuleSupport";
    private static final String PACKAGE = "net/bytebuddy/agent/builder/";
    private static final String SUPPORT = PACKAGE + "PrecompiledModuleSupport";

    /** The patched class, the factory type its {@code run()} returns, and the support method that builds one. */
    record Target(String className, String factory, String supportMethod) {
        String runDescriptor() {
            return "()L" + factory + ";";
        }
    }

    static final List<Target> TARGETS = List.of(
            new Target(PACKAGE + "AgentBuilder$Default$ExecutingTransformer$Factory$CreationAction",
                    PACKAGE + "AgentBuilder$Default$ExecutingTransformer$Factory", "executingTransformer"),
            new Target(PACKAGE + "ResettableClassFileTransformer$WithDelegation$Substitutable$Factory$CreationAction",
                    PACKAGE + "ResettableClassFileTransformer$WithDelegation$Substitutable$Factory", "substitutable"));

    private ModuleSupportPatch() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ModuleSupportPatch <classes directory>");
        }
        Path root = Paths.get(args[0]);
        for (Target target : TARGETS) {
            Path file = root.resolve(target.className() + ".class");
            byte[] patched = patch(Files.readAllBytes(file), target);
            if (patched != null) {
                Files.write(file, patched);
                System.out.println("[ModuleSupportPatch] patched " + file);
            } else {
                System.out.println("[ModuleSupportPatch] already patched: " + file);
            }
        }
    }

    /** The patched class file, or null if it was patched already. */
    static byte[] patch(byte[] classFile, Target target) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        Renamer renamer = new Renamer(writer, target);
        reader.accept(renamer, 0);
        if (renamer.alreadyPatched) {
            return null;
        }
        if (!renamer.renamed) {
            throw new IllegalStateException(target.className() + " has no method run" + target.runDescriptor()
                    + ": Byte Buddy changed; review ModuleSupportPatch and the Precompiled* classes");
        }
        return writer.toByteArray();
    }

    /** Renames {@code run()} and, at the end of the class, adds the new {@code run()}. */
    private static final class Renamer extends ClassVisitor {
        private final Target target;
        boolean renamed;
        boolean alreadyPatched;

        Renamer(ClassVisitor next, Target target) {
            super(Opcodes.ASM9, next);
            this.target = target;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals(GENERATING)) {
                alreadyPatched = true;
            } else if (name.equals("run") && descriptor.equals(target.runDescriptor())) {
                renamed = true;
                return super.visitMethod(access, GENERATING, descriptor, signature, exceptions);
            }
            return super.visitMethod(access, name, descriptor, signature, exceptions);
        }

        @Override
        public void visitEnd() {
            if (renamed && !alreadyPatched) {
                writeRun(super.visitMethod(Opcodes.ACC_PUBLIC, "run", target.runDescriptor(), null, null));
            }
            super.visitEnd();
        }

        /**
         * <pre>
         * try { factory = PrecompiledModuleSupport.x(); } catch (Throwable t) { return runGenerating…(); }
         * return factory != null ? factory : runGenerating…();
         * </pre>
         * Byte Buddy's classes are Java 8 class files: the stack map frames are written here.
         */
        private void writeRun(MethodVisitor run) {
            Label tryStart = new Label();
            Label tryEnd = new Label();
            Label failed = new Label();
            Label isNull = new Label();
            Label generate = new Label();
            run.visitCode();
            run.visitTryCatchBlock(tryStart, tryEnd, failed, "java/lang/Throwable");
            run.visitLabel(tryStart);
            run.visitMethodInsn(Opcodes.INVOKESTATIC, SUPPORT, target.supportMethod(), "()L" + target.factory() + ";", false);
            run.visitLabel(tryEnd);
            run.visitInsn(Opcodes.DUP);
            run.visitJumpInsn(Opcodes.IFNULL, isNull);
            run.visitInsn(Opcodes.ARETURN);
            run.visitLabel(isNull);
            run.visitFrame(Opcodes.F_SAME1, 0, null, 1, new Object[] {target.factory()});
            run.visitInsn(Opcodes.POP);
            run.visitLabel(generate);
            run.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
            run.visitVarInsn(Opcodes.ALOAD, 0);
            run.visitMethodInsn(Opcodes.INVOKEVIRTUAL, target.className(), GENERATING, target.runDescriptor(), false);
            run.visitInsn(Opcodes.ARETURN);
            run.visitLabel(failed);
            run.visitFrame(Opcodes.F_SAME1, 0, null, 1, new Object[] {"java/lang/Throwable"});
            run.visitInsn(Opcodes.POP);
            run.visitJumpInsn(Opcodes.GOTO, generate);
            run.visitMaxs(0, 0);
            run.visitEnd();
        }
    }
}
