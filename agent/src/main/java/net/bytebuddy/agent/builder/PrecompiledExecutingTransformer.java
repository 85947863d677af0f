package net.bytebuddy.agent.builder;

import java.security.ProtectionDomain;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * What Byte Buddy generates at run time as {@code ExecutingTransformer$ByteBuddy$ModuleSupport}
 * (its {@code ExecutingTransformer.Factory.CreationAction}), compiled ahead of time: the same
 * subclass with the same public constructor, overriding the Java 9 {@code transform(Module, …)}
 * to call the module-aware {@code transform(Object, …)} of the superclass. Generating it costs
 * about 360 Byte Buddy classes at startup; the agent jar's build patches {@code CreationAction}
 * to use this class instead (see {@code io.cacheweaver.agent.buildtime.ModuleSupportPatch}).
 *
 * <p>In Byte Buddy's package because the superclass's constructor takes package-private types.
 */
public class PrecompiledExecutingTransformer extends AgentBuilder.Default.ExecutingTransformer {

    public PrecompiledExecutingTransformer(ByteBuddy byteBuddy,
                                           AgentBuilder.Listener listener,
                                           AgentBuilder.PoolStrategy poolStrategy,
                                           AgentBuilder.TypeStrategy typeStrategy,
                                           AgentBuilder.LocationStrategy locationStrategy,
                                           ClassFileLocator classFileLocator,
                                           AgentBuilder.Default.NativeMethodStrategy nativeMethodStrategy,
                                           AgentBuilder.InitializationStrategy initializationStrategy,
                                           AgentBuilder.InjectionStrategy injectionStrategy,
                                           AgentBuilder.LambdaInstrumentationStrategy lambdaInstrumentationStrategy,
                                           AgentBuilder.DescriptionStrategy descriptionStrategy,
                                           AgentBuilder.FallbackStrategy fallbackStrategy,
                                           AgentBuilder.ClassFileBufferStrategy classFileBufferStrategy,
                                           AgentBuilder.InstallationListener installationListener,
                                           AgentBuilder.RawMatcher ignoreMatcher,
                                           AgentBuilder.RedefinitionStrategy.ResubmissionEnforcer resubmissionEnforcer,
                                           List<AgentBuilder.Default.Transformation> transformations,
                                           AgentBuilder.CircularityLock circularityLock) {
        super(byteBuddy, listener, poolStrategy, typeStrategy, locationStrategy, classFileLocator, nativeMethodStrategy,
                initializationStrategy, injectionStrategy, lambdaInstrumentationStrategy, descriptionStrategy, fallbackStrategy,
                classFileBufferStrategy, installationListener, ignoreMatcher, resubmissionEnforcer, transformations,
                circularityLock);
    }

    /** The JVM calls this one on Java 9+; the generated class's {@code MethodCall.invoke(…).onSuper().withAllArguments()}. */
    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFileBuffer) {
        // the (Object) cast selects the superclass's module-aware method, not ClassFileTransformer's default
        return super.transform((Object) module, loader, internalName, classBeingRedefined, protectionDomain, classFileBuffer);
    }
}
