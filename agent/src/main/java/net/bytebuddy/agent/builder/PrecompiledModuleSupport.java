package net.bytebuddy.agent.builder;

/**
 * The factories that the agent jar's patched {@code CreationAction.run()} methods return instead
 * of generating a {@code $ByteBuddy$ModuleSupport} class (see
 * {@code io.cacheweaver.agent.buildtime.ModuleSupportPatch}). Whatever fails here (a JVM without
 * {@code java.lang.Module}, a changed constructor) is thrown: the patched method then runs Byte
 * Buddy's own code, so the outcome is never worse than without the patch.
 */
final class PrecompiledModuleSupport {
    private PrecompiledModuleSupport() {
    }

    static AgentBuilder.Default.ExecutingTransformer.Factory executingTransformer() throws NoSuchMethodException {
        return new AgentBuilder.Default.ExecutingTransformer.Factory.ForJava9CapableVm(
                PrecompiledExecutingTransformer.class.getDeclaredConstructor(
                        net.bytebuddy.ByteBuddy.class,
                        AgentBuilder.Listener.class,
                        AgentBuilder.PoolStrategy.class,
                        AgentBuilder.TypeStrategy.class,
                        AgentBuilder.LocationStrategy.class,
                        net.bytebuddy.dynamic.ClassFileLocator.class,
                        AgentBuilder.Default.NativeMethodStrategy.class,
                        AgentBuilder.InitializationStrategy.class,
                        AgentBuilder.InjectionStrategy.class,
                        AgentBuilder.LambdaInstrumentationStrategy.class,
                        AgentBuilder.DescriptionStrategy.class,
                        AgentBuilder.FallbackStrategy.class,
                        AgentBuilder.ClassFileBufferStrategy.class,
                        AgentBuilder.InstallationListener.class,
                        AgentBuilder.RawMatcher.class,
                        AgentBuilder.RedefinitionStrategy.ResubmissionEnforcer.class,
                        java.util.List.class,
                        AgentBuilder.CircularityLock.class));
    }

    static ResettableClassFileTransformer.WithDelegation.Substitutable.Factory substitutable() throws NoSuchMethodException {
        return new ResettableClassFileTransformer.WithDelegation.Substitutable.Factory.ForJava9CapableVm(
                PrecompiledSubstitutable.class.getConstructor(ResettableClassFileTransformer.class));
    }
}
