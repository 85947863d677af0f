package io.cacheweaver.agent.advice;

import io.cacheweaver.bootstrap.CacheBridge;
import io.cacheweaver.bootstrap.CacheHit;
import net.bytebuddy.asm.Advice;

/**
 * {@link CacheAdvice} for methods with exactly one parameter, the most common shape of a cached
 * lookup ({@code findById(long)}): passes the argument itself instead of an argument array, so
 * a local hit allocates nothing beyond what boxing a primitive argument costs. Same
 * constraints: inlined, bridge and JDK types only, every failure suppressed.
 */
public final class CacheAdvice1 {
    private CacheAdvice1() {
    }

    @Advice.OnMethodEnter(skipOn = CacheHit.class, suppress = Throwable.class)
    static Object enter(@SiteId int site,
                        @Advice.This(optional = true) Object self,
                        @Advice.Argument(0) Object argument) {
        return CacheBridge.enter1(site, self, argument);
    }
}
