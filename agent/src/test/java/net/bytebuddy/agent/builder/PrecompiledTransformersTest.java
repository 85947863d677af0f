package net.bytebuddy.agent.builder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Iterator;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;
import org.junit.jupiter.api.Test;

/**
 * The precompiled transformers do what Byte Buddy's generated ones do: the JVM's Java 9
 * {@code transform(Module, …)} reaches the module-aware method with the module, not the
 * module-less {@code ClassFileTransformer} default. (In Byte Buddy's package for its package-private types.)
 */
class PrecompiledTransformersTest {
    private static final Module MODULE = PrecompiledTransformersTest.class.getModule();
    private static final ProtectionDomain DOMAIN = PrecompiledTransformersTest.class.getProtectionDomain();
    private static final ClassLoader LOADER = PrecompiledTransformersTest.class.getClassLoader();
    private static final byte[] ORIGINAL = {1, 2, 3};
    private static final byte[] WOVEN = {4, 5, 6};

    @Test
    void theExecutingTransformerPassesTheModuleToItsModuleAwareTransform() throws Exception {
        RecordingEnforcer enforcer = new RecordingEnforcer();
        PrecompiledExecutingTransformer transformer = new PrecompiledExecutingTransformer(null, null, null, null, null, null,
                null, null, null, AgentBuilder.LambdaInstrumentationStrategy.DISABLED, null, null, null, null, null, enforcer,
                Collections.emptyList(), AgentBuilder.CircularityLock.Inactive.INSTANCE);
        assertNull(transformer.transform(MODULE, LOADER, "shop/Prices", null, DOMAIN, ORIGINAL), "resubmitted: unchanged");
        assertEquals("shop.Prices", enforcer.typeName);
        assertSame(LOADER, enforcer.loader);
        assertEquals(JavaModule.of(MODULE), enforcer.module, "the module reached Byte Buddy's module-aware transform");
    }

    @Test
    void theSubstitutablePassesTheCallModuleIncludedToItsCurrentDelegate() throws Exception {
        Delegate first = new Delegate();
        Delegate second = new Delegate();
        PrecompiledSubstitutable substitutable = new PrecompiledSubstitutable(first);
        assertArrayEquals(WOVEN, substitutable.transform(MODULE, null, "shop/Prices", null, DOMAIN, ORIGINAL));
        assertSame(MODULE, first.module);
        substitutable.substitute(second);
        substitutable.transform(MODULE, null, "shop/Other", null, DOMAIN, ORIGINAL);
        assertEquals("shop/Other", second.name, "the substitute is used from then on");
        assertEquals("shop/Prices", first.name);
    }

    @Test
    void theFactoriesBuildThePrecompiledTypes() throws Exception {
        ResettableClassFileTransformer made = PrecompiledModuleSupport.substitutable().make(new Delegate());
        assertEquals(PrecompiledSubstitutable.class, made.getClass());
        assertEquals(AgentBuilder.Default.ExecutingTransformer.Factory.ForJava9CapableVm.class,
                PrecompiledModuleSupport.executingTransformer().getClass());
    }

    /** The first collaborator Byte Buddy's module-aware transform asks; saying "enforced" ends the call there. */
    private static final class RecordingEnforcer implements AgentBuilder.RedefinitionStrategy.ResubmissionEnforcer {
        String typeName;
        ClassLoader loader;
        JavaModule module;

        @Override
        public boolean isEnforced(String typeName, ClassLoader loader, JavaModule module, Class<?> redefined) {
            this.typeName = typeName;
            this.loader = loader;
            this.module = module;
            return true;
        }
    }

    private static final class Delegate extends ResettableClassFileTransformer.AbstractBase {
        Module module;
        String name;

        @Override
        public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
                                ProtectionDomain domain, byte[] bytes) {
            this.module = module;
            this.name = internalName;
            return WOVEN;
        }

        @Override
        public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
                                byte[] bytes) {
            throw new AssertionError("the module-less method must not be called on Java 9+");
        }

        @Override
        public Iterator<AgentBuilder.Transformer> iterator(TypeDescription type, ClassLoader loader, JavaModule module,
                                                           Class<?> redefined, ProtectionDomain domain) {
            return Collections.emptyIterator();
        }

        @Override
        public boolean reset(Instrumentation instrumentation, ResettableClassFileTransformer transformer,
                             AgentBuilder.RedefinitionStrategy strategy,
                             AgentBuilder.RedefinitionStrategy.DiscoveryStrategy discovery,
                             AgentBuilder.RedefinitionStrategy.BatchAllocator allocator,
                             AgentBuilder.RedefinitionStrategy.Listener listener) {
            return false;
        }
    }
}
