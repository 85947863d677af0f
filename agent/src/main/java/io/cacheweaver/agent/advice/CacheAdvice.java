package io.cacheweaver.agent.advice;

import io.cacheweaver.bootstrap.CacheBridge;
import io.cacheweaver.bootstrap.CacheHit;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven around {@code action: cache} methods. Inlined into application code, so it may only
 * reference the bridge and JDK types, and must stay a static call plus a branch: no lambdas,
 * no string concatenation. On a hit the body is skipped and the cached value returned
 * (unboxed for primitive methods). Any failure here is suppressed: the method then runs as if
 * unwoven.
 */
public final class CacheAdvice {
    private CacheAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = CacheHit.class, suppress = Throwable.class)
    static Object enter(@SiteId int site,
                        @Advice.This(optional = true) Object self,
                        @Advice.AllArguments Object[] args) {
        return CacheBridge.enter(site, self, args);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@SiteId int site,
                     @Advice.Enter Object token,
                     @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
                     @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (token instanceof CacheHit) {
            returned = ((CacheHit) token).value;
        } else {
            // a CacheHit here is a stale value answering for a failed load (staleIfError)
            Object outcome = CacheBridge.complete(site, token, returned, thrown);
            if (outcome instanceof CacheHit) {
                returned = ((CacheHit) outcome).value;
                thrown = null;
            }
        }
    }
}
