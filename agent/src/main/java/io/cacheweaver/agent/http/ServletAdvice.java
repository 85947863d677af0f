package io.cacheweaver.agent.http;

import io.cacheweaver.bootstrap.HttpBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code HttpServlet.service(ServletRequest, ServletResponse)}, which every request to
 * an {@code HttpServlet} passes through (Tomcat, Jetty, Undertow, Spring's DispatcherServlet): swaps
 * the response for the agent's wrapper when an {@code http:} rule applies, and completes it when
 * the servlet is done. Every Throwable of its own is suppressed.
 */
public final class ServletAdvice {
    private ServletAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.Origin Class<?> servletType,
                        @Advice.Argument(0) Object request,
                        @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response) {
        Object call = HttpBridge.servletEnter(servletType, request, response);
        if (call != null) {
            response = HttpBridge.servletResponse(call, response);
        }
        return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown) {
        HttpBridge.servletExit(call, thrown);
    }
}
