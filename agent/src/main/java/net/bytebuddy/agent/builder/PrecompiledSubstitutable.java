package net.bytebuddy.agent.builder;

import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;

/**
 * What Byte Buddy generates at run time as {@code WithDelegation.Substitutable$ByteBuddy$ModuleSupport}
 * (its {@code Substitutable.Factory.CreationAction}), compiled ahead of time: the same subclass
 * with the same public constructor, overriding the Java 9 {@code transform(Module, …)} to pass
 * the call, module included, to the current delegate. See {@link PrecompiledExecutingTransformer}.
 */
public class PrecompiledSubstitutable extends ResettableClassFileTransformer.WithDelegation.Substitutable {

    public PrecompiledSubstitutable(ResettableClassFileTransformer classFileTransformer) {
        super(classFileTransformer);
    }

    /** The generated class's {@code MethodCall.invoke(transform(Module, …)).onField("classFileTransformer").withAllArguments()}. */
    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFileBuffer) throws IllegalClassFormatException {
        // the volatile field of Substitutable, read once per call like the generated code does
        return classFileTransformer.transform(module, loader, internalName, classBeingRedefined, protectionDomain,
                classFileBuffer);
    }
}
