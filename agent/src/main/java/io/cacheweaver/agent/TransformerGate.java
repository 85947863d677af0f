package io.cacheweaver.agent;

import io.cacheweaver.runtime.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The transformer premain registers at once, so that premain can return while Byte Buddy's
 * transformer is built on another thread. Until that one is ready, a class that some rule could
 * weave — decided by its name alone, nothing parsed — waits for it (bounded); every other class
 * passes untouched, exactly as Byte Buddy's name-only matchers would have left it. Once ready,
 * every call goes straight to Byte Buddy's transformer, which is never registered with the JVM
 * itself (see {@link GatedInstrumentation}).
 *
 * <p>With {@code http:} rules, the server classes the HTTP layer weaves (the servlet API's
 * {@code HttpServlet}, the JDK server's filter chain) are held too, until the HTTP layer's own
 * transformer is handed over ({@link #openServers}): a server must not answer its first requests
 * unwoven.
 */
final class TransformerGate implements ClassFileTransformer {
    private static final long MAX_WAIT_SECONDS = 30;

    private volatile GateNames names;
    private final ClassLoader agentLoader;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Set<String> servers; // internal names, held until the HTTP layer's transformer exists
    private final CountDownLatch serversReady = new CountDownLatch(1);
    private volatile Thread weaving; // never held: it is the thread that opens the gate
    private volatile ClassFileTransformer delegate;
    private volatile ClassFileTransformer serverWeaver;
    private volatile boolean warned;

    /**
     * {@code servers}: binary names of classes to hold until {@link #openServers} or {@link #serversWoven},
     * when {@code names} {@linkplain GateNames#holdsServers holds servers}.
     */
    TransformerGate(GateNames names, Set<String> servers) {
        this.names = names;
        this.agentLoader = TransformerGate.class.getClassLoader();
        Set<String> held = new HashSet<>();
        if (names.holdsServers()) {
            for (String server : servers) {
                held.add(server.replace('.', '/'));
            }
        }
        this.servers = Set.copyOf(held);
        if (held.isEmpty()) {
            serversReady.countDown();
        }
    }

    /** The thread that builds the weaver and opens the gate: classes it loads never wait for it. */
    void openedBy(Thread thread) {
        weaving = thread;
    }

    /**
     * The HTTP layer's transformer, handed over instead of being registered with the JVM (a class
     * whose loading waits here would not see a transformer registered meanwhile): from now on it
     * runs after the weaver on every class, and held server classes may load.
     */
    void openServers(ClassFileTransformer transformer) {
        serverWeaver = transformer;
        serversReady.countDown();
    }

    /** The HTTP layer will not be woven (now): held server classes load as they are. */
    void serversWoven() {
        serversReady.countDown();
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
        if (redefined == null && serversReady.getCount() > 0 && internalName != null && servers.contains(internalName)
                && Thread.currentThread() != weaving) {
            await(serversReady, internalName);
        }
        byte[] woven = weave(module, loader, internalName, redefined, domain, bytes);
        ClassFileTransformer servers = serverWeaver;
        if (servers == null) {
            return woven;
        }
        byte[] served = servers.transform(module, loader, internalName, redefined, domain, woven == null ? bytes : woven);
        return served == null ? woven : served;
    }

    private byte[] weave(Module module, ClassLoader loader, String internalName, Class<?> redefined,
                         ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
        if (!mayWeave(loader, internalName)) {
            // what no rule can weave by its name never reaches Byte Buddy, whose transformer costs tens of
            // microseconds even for a class it ignores (a Spring Boot application loads ten thousand of them);
            // on a retransformation, no answer means the class file as loaded: unwoven, as it should be
            return null;
        }
        ClassFileTransformer transformer = delegate;
        if (transformer == null) {
            if (ready.getCount() == 0 || Thread.currentThread() == weaving) {
                return null;
            }
            transformer = awaitDelegate(internalName);
            if (transformer == null) {
                return null;
            }
        }
        return transformer.transform(module, loader, internalName, redefined, domain, bytes);
    }

    /**
     * The rules' targets from now on: called by a reload before it retransforms, so that the classes
     * the new rules name reach the weaver (and those only the old rules named come back unwoven).
     */
    void retarget(GateNames next) {
        names = next;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) throws IllegalClassFormatException {
        ClassFileTransformer transformer = delegate;
        return transformer == null ? null : transformer.transform(loader, internalName, redefined, domain, bytes);
    }

    /** Name-only: what no rule can weave need not wait (the agent's own classes never wait, nor the JDK's). */
    private boolean mayWeave(ClassLoader loader, String internalName) {
        return internalName != null && loader != agentLoader && names.mayMatchInternal(internalName);
    }

    private ClassFileTransformer awaitDelegate(String internalName) {
        await(ready, internalName);
        return delegate;
    }

    private void await(CountDownLatch latch, String internalName) {
        try {
            if (!latch.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS) && !warned) {
                warned = true;
                AgentLog.warn("the weaver was not ready after " + MAX_WAIT_SECONDS + " s: " + internalName.replace('/', '.')
                        + " loads unwoven for now (it is woven when the weaver starts)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
