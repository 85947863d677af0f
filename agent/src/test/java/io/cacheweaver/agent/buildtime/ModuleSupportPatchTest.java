package io.cacheweaver.agent.buildtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import net.bytebuddy.ByteBuddy;
import org.junit.jupiter.api.Test;

/**
 * The build-time patch of Byte Buddy's two {@code CreationAction}s, on the real Byte Buddy jar
 * loaded in a class loader of its own that applies the patch as the agent jar's build does.
 */
class ModuleSupportPatchTest {
    private static final String BUILDER = "net.bytebuddy.agent.builder.";
    private static final String EXECUTING = BUILDER + "AgentBuilder$Default$ExecutingTransformer";
    private static final String SUBSTITUTABLE = BUILDER + "ResettableClassFileTransformer$WithDelegation$Substitutable";

    @Test
    void patchedByteBuddyUsesThePrecompiledTransformersAndGeneratesNothing() throws Exception {
        try (PatchingLoader loader = new PatchingLoader(true)) {
            assertEquals(BUILDER + "PrecompiledExecutingTransformer", transformerType(loader, EXECUTING, "FACTORY", "executingTransformer"));
            assertEquals(BUILDER + "PrecompiledSubstitutable", transformerType(loader, SUBSTITUTABLE, "DISPATCHER", "substitutable"));
            assertEquals(2, loader.patched, "both CreationActions went through the patch");
            // what only the generation pipeline loads (subclass + MethodCall + ByteArrayClassLoader)
            assertTrue(loader.neverLoaded("net.bytebuddy.implementation.MethodCall"));
            assertTrue(loader.neverLoaded("net.bytebuddy.dynamic.loading.ByteArrayClassLoader"));
        }
    }

    @Test
    void withoutThePrecompiledClassesThePatchedCodeFallsBackToByteBuddysOwnGeneration() throws Exception {
        try (PatchingLoader loader = new PatchingLoader(false)) {
            assertEquals(EXECUTING + "$ByteBuddy$ModuleSupport", transformerType(loader, EXECUTING, "FACTORY", "executingTransformer"));
            assertEquals(SUBSTITUTABLE + "$ByteBuddy$ModuleSupport", transformerType(loader, SUBSTITUTABLE, "DISPATCHER", "substitutable"));
            assertEquals(2, loader.patched);
        }
    }

    @Test
    void patchingTwiceChangesNothingAndAnUnexpectedClassFailsTheBuild() {
        for (ModuleSupportPatch.Target target : ModuleSupportPatch.TARGETS) {
            byte[] once = ModuleSupportPatch.patch(classFile(ByteBuddy.class.getClassLoader(), target.className()), target);
            assertNotNull(once);
            assertNull(ModuleSupportPatch.patch(once, target), "already patched");
        }
        ModuleSupportPatch.Target wrong = ModuleSupportPatch.TARGETS.get(0);
        byte[] notACreationAction = classFile(ByteBuddy.class.getClassLoader(), "net/bytebuddy/ByteBuddy");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ModuleSupportPatch.patch(notACreationAction, wrong));
        assertTrue(e.getMessage().contains("Byte Buddy changed"), e.getMessage());
    }

    /** Initializes {@code owner} and names the class whose constructor its Java 9 factory calls. */
    private static String transformerType(ClassLoader loader, String owner, String factoryField, String constructorField)
            throws Exception {
        Field factory = Class.forName(owner, true, loader).getDeclaredField(factoryField);
        factory.setAccessible(true);
        Object value = factory.get(null);
        assertTrue(value.getClass().getName().endsWith("$Factory$ForJava9CapableVm"), value.getClass().getName());
        Field constructor = value.getClass().getDeclaredField(constructorField);
        constructor.setAccessible(true);
        return ((Constructor<?>) constructor.get(value)).getDeclaringClass().getName();
    }

    private static byte[] classFile(ClassLoader loader, String internalName) {
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            assertNotNull(in, internalName);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Byte Buddy (and, if asked, the agent's classes) apart from the test's own copy, CreationActions patched on load. */
    private static final class PatchingLoader extends URLClassLoader {
        int patched;

        PatchingLoader(boolean withPrecompiled) {
            super(withPrecompiled ? new URL[] {location(ByteBuddy.class), location(ModuleSupportPatch.class)}
                    : new URL[] {location(ByteBuddy.class)}, ClassLoader.getPlatformClassLoader());
        }

        private static URL location(Class<?> type) {
            return type.getProtectionDomain().getCodeSource().getLocation();
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            for (ModuleSupportPatch.Target target : ModuleSupportPatch.TARGETS) {
                if (target.className().equals(name.replace('.', '/'))) {
                    byte[] bytes = ModuleSupportPatch.patch(classFile(this, target.className()), target);
                    patched++;
                    return defineClass(name, bytes, 0, bytes.length);
                }
            }
            return super.findClass(name);
        }

        boolean neverLoaded(String name) {
            return findLoadedClass(name) == null;
        }
    }
}
