package io.cacheweaver.agent.advice;

import io.cacheweaver.bootstrap.CacheBridge;
import io.cacheweaver.bootstrap.CacheHit;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

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
