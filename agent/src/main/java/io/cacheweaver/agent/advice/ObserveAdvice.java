package io.cacheweaver.agent.advice;

import io.cacheweaver.bootstrap.CacheBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven around {@code put} and {@code evict} methods: sees arguments, result and exception but
 * can never skip the body or change its result. Same constraints as {@link CacheAdvice}.
 */
public final class ObserveAdvice {
    private ObserveAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@SiteId int site,
                        @Advice.This(optional = true) Object self,
                        @Advice.AllArguments Object[] args) {
        return CacheBridge.enter(site, self, args);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@SiteId int site,
                     @Advice.Enter Object token,
                     @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
                     @Advice.Thrown Throwable thrown) {
        CacheBridge.exit(site, token, returned, thrown);
    }
}
