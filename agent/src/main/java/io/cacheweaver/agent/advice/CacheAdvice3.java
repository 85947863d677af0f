package io.cacheweaver.agent.advice;

import io.cacheweaver.bootstrap.CacheBridge;
import io.cacheweaver.bootstrap.CacheHit;
import net.bytebuddy.asm.Advice;

/**
 * {@link CacheAdvice} for methods with exactly three parameters ({@code quote(long, String, int)}):
 * passes the arguments themselves instead of an argument array, so that a local hit allocates
 * only the key (and whatever boxing a primitive argument costs). Same constraints: inlined,
 * bridge and JDK types only, every failure suppressed.
 */
public final class CacheAdvice3 {
    private CacheAdvice3() {
    }

    @Advice.OnMethodEnter(skipOn = CacheHit.class, suppress = Throwable.class)
    static Object enter(@SiteId int site,
                        @Advice.This(optional = true) Object self,
                        @Advice.Argument(0) Object first,
                        @Advice.Argument(1) Object second,
                        @Advice.Argument(2) Object third) {
        return CacheBridge.enter3(site, self, first, second, third);
    }
}
