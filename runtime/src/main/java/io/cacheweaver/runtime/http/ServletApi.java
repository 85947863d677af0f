package io.cacheweaver.runtime.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * The servlet API of one application class loader and namespace ({@code javax} or {@code jakarta}),
 * reached through method handles typed with JDK types only: the agent never links against it.
 */
final class ServletApi {
    private static final ClassValue<ServletApi> BY_SERVLET_TYPE = new ClassValue<>() {
        @Override
        protected ServletApi computeValue(Class<?> servletType) {
            try {
                return new ServletApi(servletType);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                io.cacheweaver.runtime.AgentLog.warn("http: cannot use the servlet API of " + servletType.getName()
                        + " (" + io.cacheweaver.runtime.AgentLog.describe(e) + "); its responses pass through untouched");
                return null;
            }
        }
    };

    final Class<?> servletType;
    final Class<?> requestType;
    final Class<?> responseType;
    final MethodHandle getMethod;
    final MethodHandle getRequestUri;
    final MethodHandle getRequestHeader;
    final MethodHandle isAsyncStarted;
    final MethodHandle getDispatcherType;
    final MethodHandle getStatus;
    final MethodHandle getHeader;
    final MethodHandle setHeader;
    final MethodHandle setStatus;
    final MethodHandle isCommitted;
    final MethodHandle getOutputStream;
    final MethodHandle getCharacterEncoding;
    final MethodHandle setCharacterEncoding;
    final MethodHandle setContentLength;
    final MethodHandle flushBuffer;

    private ServletApi(Class<?> servletType) throws ReflectiveOperationException {
        this.servletType = servletType;
        String ns = servletType.getName().substring(0, servletType.getName().indexOf(".servlet."));
        ClassLoader loader = servletType.getClassLoader();
        requestType = Class.forName(ns + ".servlet.http.HttpServletRequest", false, loader);
        responseType = Class.forName(ns + ".servlet.http.HttpServletResponse", false, loader);
        getMethod = handle(requestType, "getMethod", String.class);
        getRequestUri = handle(requestType, "getRequestURI", String.class);
        getRequestHeader = handle(requestType, "getHeader", String.class, String.class);
        isAsyncStarted = handle(requestType, "isAsyncStarted", boolean.class);
        getDispatcherType = handle(requestType, "getDispatcherType", Object.class);
        getStatus = handle(responseType, "getStatus", int.class);
        getHeader = handle(responseType, "getHeader", String.class, String.class);
        setHeader = handle(responseType, "setHeader", void.class, String.class, String.class);
        setStatus = handle(responseType, "setStatus", void.class, int.class);
        isCommitted = handle(responseType, "isCommitted", boolean.class);
        getOutputStream = handle(responseType, "getOutputStream", Object.class);
        getCharacterEncoding = handle(responseType, "getCharacterEncoding", String.class);
        setCharacterEncoding = handle(responseType, "setCharacterEncoding", void.class, String.class);
        setContentLength = handle(responseType, "setContentLength", void.class, int.class);
        flushBuffer = handle(responseType, "flushBuffer", void.class);
    }

    /** The API of {@code servletType}'s loader, or {@code null} when it is unusable (reported once). */
    static ServletApi of(Class<?> servletType) {
        return BY_SERVLET_TYPE.get(servletType);
    }

    /** A handle of {@code owner.name(parameters)} typed {@code (Object, parameters) -> returns}. */
    private static MethodHandle handle(Class<?> owner, String name, Class<?> returns, Class<?>... parameters)
            throws ReflectiveOperationException {
        Method method = owner.getMethod(name, parameters);
        MethodHandle handle = MethodHandles.publicLookup().unreflect(method);
        return handle.asType(MethodType.methodType(returns, Object.class).appendParameterTypes(parameters));
    }

    /** The public {@code HttpServletResponse} method a wrapper method stands for (for calls passed through as they are). */
    Method responseMethod(Method wrapperMethod) throws NoSuchMethodException {
        return responseType.getMethod(wrapperMethod.getName(), wrapperMethod.getParameterTypes());
    }
}
