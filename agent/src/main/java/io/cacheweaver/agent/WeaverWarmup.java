package io.cacheweaver.agent;

import static net.bytebuddy.matcher.ElementMatchers.named;

import io.cacheweaver.agent.advice.CacheAdvice;
import io.cacheweaver.agent.advice.CacheAdvice1;
import io.cacheweaver.agent.advice.CacheExit;
import io.cacheweaver.agent.advice.ObserveAdvice;
import io.cacheweaver.agent.advice.SiteId;
import io.cacheweaver.runtime.AgentLog;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

/**
 * Loads and initializes the part of Byte Buddy the weaver needs, on a thread of its own, while
 * premain reads the rules and builds the runtime on the main thread (two cores do both at once).
 * About 870 Byte Buddy classes are loaded before the first class is woven, most of them by the
 * first {@link Advice} weave, which this rehearses on {@link Rehearsal} (the bytes are thrown
 * away). The {@code AgentBuilder} transformer classes are initialized here too: cheap since the
 * agent jar's build replaced the subclasses their initializers used to generate by precompiled
 * ones (≈ 50 classes instead of ≈ 360; {@code io.cacheweaver.agent.buildtime.ModuleSupportPatch}).
 *
 * <p>The main thread touches no Byte Buddy class until {@link #await} returns: Byte Buddy's own
 * class initializers are then never run by two threads at once.
 */
final class WeaverWarmup {
    private static final String[] INITIALIZED = {
        "net.bytebuddy.agent.builder.AgentBuilder$Default$ExecutingTransformer",
        "net.bytebuddy.agent.builder.ResettableClassFileTransformer$WithDelegation$Substitutable",
    };
    private static final long MAX_WAIT_SECONDS = 60;

    private final Thread thread;

    private WeaverWarmup(Thread thread) {
        this.thread = thread;
    }

    static WeaverWarmup start() {
        Thread thread = new Thread(WeaverWarmup::run, "cacheweaver-warmup");
        thread.setDaemon(true);
        thread.start();
        return new WeaverWarmup(thread);
    }

    /** Waits for the warm-up (bounded: a stuck warm-up only loses its head start). */
    void await() {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(MAX_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            AgentLog.debug("the Byte Buddy warm-up is still running after " + MAX_WAIT_SECONDS + " s; weaving without it");
        }
    }

    private static void run() {
        long began = System.nanoTime();
        try {
            Weaver.withoutNexus();
            ClassLoader loader = WeaverWarmup.class.getClassLoader();
            for (String name : INITIALIZED) {
                Class.forName(name, true, loader);
            }
            rehearse(loader);
        } catch (Throwable t) {
            // only a head start is lost: the weaver loads the same classes itself, and reports what fails
            AgentLog.debug("Byte Buddy warm-up: " + AgentLog.describe(t));
        }
        AgentLog.debug(() -> "Byte Buddy warm-up took " + (System.nanoTime() - began) / 1_000_000 + " ms (off the main thread)");
    }

    /** Weaves the three advice kinds into {@link Rehearsal} the way the weaver does, keeping nothing. */
    private static void rehearse(ClassLoader loader) {
        ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(loader);
        TypePool pool = new TypePool.Default(new TypePool.CacheProvider.Simple(), locator, TypePool.Default.ReaderMode.EXTENDED);
        TypeDescription type = pool.describe(Rehearsal.class.getName()).resolve();
        new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
                .with(Implementation.Context.Disabled.Factory.INSTANCE)
                .decorate(type, locator)
                .visit(advice(CacheAdvice1.class, CacheExit.class, locator).on(named("one")))
                .visit(advice(CacheAdvice.class, CacheExit.class, locator).on(named("two")))
                .visit(Advice.withCustomMapping().bind(SiteId.class, -1).to(ObserveAdvice.class, locator).on(named("none")))
                .make()
                .getBytes();
    }

    private static Advice advice(Class<?> enter, Class<?> exit, ClassFileLocator locator) {
        return Advice.withCustomMapping().bind(SiteId.class, -1).to(enter, exit, locator);
    }

    /** Never loaded: only its class file is read and woven. */
    @SuppressWarnings("unused")
    static final class Rehearsal {
        private Rehearsal() {
        }

        Object one(Object argument) {
            return argument;
        }

        Object two(Object first, long second) {
            return first;
        }

        Object none(Object argument) {
            return argument;
        }
    }
}
