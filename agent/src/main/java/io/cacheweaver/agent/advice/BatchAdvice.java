package io.cacheweaver.agent.advice;

import io.cacheweaver.bootstrap.CacheBridge;
import io.cacheweaver.bootstrap.CacheHit;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven around batch cache methods ({@code each}, rules-v1 §6). Like {@link CacheAdvice}, but the
 * enter advice may replace the arguments: when some elements were found in the cache, the body
 * runs with a new collection (or array) holding only the missing ones, built by the runtime as an
 * instance the parameter accepts. The exit advice returns the merged result the runtime built
 * (cached and loaded values, in the caller's order). Same constraints: inlined, bridge and JDK
 * types only, every failure suppressed.
 */
public final class BatchAdvice {
    private BatchAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = CacheHit.class, suppress = Throwable.class)
    static Object enter(@SiteId int site,
                        @Advice.This(optional = true) Object self,
                        @Advice.AllArguments(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object[] args) {
        Object token = CacheBridge.enter(site, self, args);
        Object[] replaced = CacheBridge.arguments(site, token);
        if (replaced != null) {
            args = replaced;
        }
        return token;
    }
}
