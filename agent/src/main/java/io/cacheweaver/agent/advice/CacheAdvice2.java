package io.cacheweaver.agent.advice;

import io.cacheweaver.bootstrap.CacheBridge;
import io.cacheweaver.bootstrap.CacheHit;
import net.bytebuddy.asm.Advice;

/**
 * {@link CacheAdvice} for methods with exactly two parameters ({@code find(long, String)}): passes
 * the arguments themselves instead of an argument array, so that a local hit allocates only the
 * key (and whatever boxing a primitive argument costs). Same constraints: inlined, bridge and
 * JDK types only, every failure suppressed.
 */
public final class CacheAdvice2 {
    private CacheAdvice2() {
    }

    @Advice.OnMethodEnter(skipOn = CacheHit.class, suppress = Throwable.class)
    static Object enter(@SiteId int site,
                        @Advice.This(optional = true) Object self,
                        @Advice.Argument(0) Object first,
                        @Advice.Argument(1) Object second) {
        return CacheBridge.enter2(site, self, first, second);
    }
}
