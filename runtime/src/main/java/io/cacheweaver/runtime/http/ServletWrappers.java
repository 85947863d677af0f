package io.cacheweaver.runtime.http;

import java.io.OutputStream;
import java.lang.reflect.InvocationHandler;

/**
 * Makes the servlet-API classes a response needs, in the application's own class loader (the
 * runtime cannot: it has no bytecode generator and must never link against servlet classes).
 * Implemented by the agent with plain ASM; every method may throw, which the caller reports.
 */
public interface ServletWrappers {

    /**
     * A {@code HttpServletResponseWrapper} of {@code servletType}'s API around {@code response}, whose
     * body, status and buffer methods ({@link #RESPONSE_METHODS}) call {@code handler}; every other
     * method is the wrapper's plain delegation.
     */
    Object response(Class<?> servletType, Object response, InvocationHandler handler) throws Exception;

    /** A {@code ServletOutputStream} of that API whose methods call {@code handler}. */
    OutputStream outputStream(Class<?> servletType, InvocationHandler handler) throws Exception;

    /** The response methods the wrapper routes to its handler. */
    java.util.List<String> RESPONSE_METHODS = java.util.List.of("getOutputStream", "getWriter", "sendError", "sendRedirect",
            "flushBuffer", "reset", "resetBuffer", "setContentLength", "setContentLengthLong");

    /** The stream methods routed to the handler. */
    java.util.List<String> STREAM_METHODS = java.util.List.of("write", "flush", "close", "isReady", "setWriteListener");
}
