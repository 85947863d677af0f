package io.cacheweaver.agent.http;

import io.cacheweaver.bootstrap.HttpBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code com.sun.net.httpserver.Filter.Chain.doFilter(HttpExchange)}, where the JDK
 * server hands every request to the context's filters and handler: replaces the exchange with
 * the agent's when an {@code http:} rule applies (the inner calls of the chain see it already replaced).
 */
public final class JdkChainAdvice {
    private JdkChainAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object exchange) {
        exchange = HttpBridge.jdkExchange(exchange);
    }
}
