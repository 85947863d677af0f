package io.cacheweaver.agent.advice;

import io.cacheweaver.bootstrap.CacheBridge;
import io.cacheweaver.bootstrap.CacheHit;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The exit woven after every advice that may skip the body ({@link CacheAdvice} and its arity
 * forms, {@link BatchAdvice}); Byte Buddy pairs it with their enter
 * ({@code Advice.to(enter, CacheExit.class)}). On a hit the body was skipped and the cached value
 * is returned (unboxed for primitive methods); otherwise the runtime completes the call, and may
 * answer with a value of its own: a stale one for a failed load (staleIfError), or the merged
 * result of a batch. Inlined into application code: bridge and JDK types only, every failure
 * suppressed (the method's own result and exception then stand).
 */
public final class CacheExit {
    private CacheExit() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@SiteId int site,
                     @Advice.Enter Object token,
                     @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
                     @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (token instanceof CacheHit) {
            returned = ((CacheHit) token).value;
        } else {
            Object outcome = CacheBridge.complete(site, token, returned, thrown);
            if (outcome instanceof CacheHit) {
                returned = ((CacheHit) outcome).value;
                thrown = null;
            }
        }
    }
}
