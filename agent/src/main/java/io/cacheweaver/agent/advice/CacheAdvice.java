package io.cacheweaver.agent.advice;

import io.cacheweaver.bootstrap.CacheBridge;
import io.cacheweaver.bootstrap.CacheHit;
import net.bytebuddy.asm.Advice;

/**
 * Woven around {@code action: cache} methods. Inlined into application code, so it may only
 * reference the bridge and JDK types, and must stay a static call plus a branch: no lambdas,
 * no string concatenation. On a hit the body is skipped and {@link CacheExit} returns the cached
 * value (unboxed for primitive methods). Any failure here is suppressed: the method then runs as
 * if unwoven. This form passes every argument in an array; {@code CacheAdvice1/2/3} and
 * {@code 2L/3L} pass them one by one.
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
}
