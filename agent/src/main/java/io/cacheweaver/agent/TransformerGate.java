package io.cacheweaver.agent;

import io.cacheweaver.runtime.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The transformer premain registers at once, so that premain can return while Byte Buddy's
 * transformer is built on another thread. Until that one is ready, a class that some rule could
 * weave — decided by its name alone, nothing parsed — waits for it (bounded); every other class
 * passes untouched, exactly as Byte Buddy's name-only matchers would have left it. Once ready,
 * every call goes straight to Byte Buddy's transformer, which is never registered with the JVM
 * itself (see {@link GatedInstrumentation}).
 */
final class TransformerGate implements ClassFileTransformer {
    private static final long MAX_WAIT_SECONDS = 30;

    private final List<RuleTarget> targets;
    private final ClassLoader agentLoader;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile ClassFileTransformer delegate;
    private volatile boolean warned;

    TransformerGate(List<RuleTarget> targets) {
        this.targets = targets;
        this.agentLoader = TransformerGate.class.getClassLoader();
    }

    /** From now on every class goes to {@code transformer}; {@code null}: nothing is woven (the weaver failed). */
    void open(ClassFileTransformer transformer) {
        delegate = transformer;
        ready.countDown();
    }

    /** Whether {@link #open} was called with a transformer. */
    boolean isOpen() {
        return delegate != null;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
        ClassFileTransformer transformer = delegate;
        if (transformer == null) {
            if (ready.getCount() == 0 || !mayWeave(loader, internalName)) {
                return null;
            }
            transformer = awaitDelegate(internalName);
            if (transformer == null) {
                return null;
            }
        }
        return transformer.transform(module, loader, internalName, redefined, domain, bytes);
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) throws IllegalClassFormatException {
        ClassFileTransformer transformer = delegate;
        return transformer == null ? null : transformer.transform(loader, internalName, redefined, domain, bytes);
    }

    /** Name-only: what no rule can weave need not wait (the agent's own classes never wait, nor the JDK's). */
    private boolean mayWeave(ClassLoader loader, String internalName) {
        if (internalName == null || loader == agentLoader) {
            return false;
        }
        String name = internalName.replace('/', '.');
        if (NeverWeave.covers(name)) {
            return false;
        }
        for (RuleTarget target : targets) {
            if (target.mayMatchName(name)) {
                return true;
            }
        }
        return false;
    }

    private ClassFileTransformer awaitDelegate(String internalName) {
        try {
            if (!ready.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS) && !warned) {
                warned = true;
                AgentLog.warn("the weaver was not ready after " + MAX_WAIT_SECONDS + " s: " + internalName.replace('/', '.')
                        + " loads unwoven for now (it is woven when the weaver starts)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return delegate;
    }
}
