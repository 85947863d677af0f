package io.cacheweaver.agent.advice;

import io.cacheweaver.bootstrap.CacheBridge;
import io.cacheweaver.bootstrap.CacheHit;
import net.bytebuddy.asm.Advice;

/**
 * {@link CacheAdvice3} for methods whose first parameter is a {@code long} ({@code quote(long id,
 * String sku, int quantity)}): that argument is passed unboxed and the runtime keeps it so in the
 * key, so a local hit allocates the key alone when the other arguments need no box either.
 * Same constraints: inlined, bridge and JDK types only, every failure suppressed.
 */
public final class CacheAdvice3L {
    private CacheAdvice3L() {
    }

    @Advice.OnMethodEnter(skipOn = CacheHit.class, suppress = Throwable.class)
    static Object enter(@SiteId int site,
                        @Advice.This(optional = true) Object self,
                        @Advice.Argument(0) long first,
                        @Advice.Argument(1) Object second,
                        @Advice.Argument(2) Object third) {
        return CacheBridge.enter3L(site, self, first, second, third);
    }
}
