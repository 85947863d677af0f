package io.cacheweaver.runtime.http;

import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The container's own response behind one {@link ServletExchange}, reached through the
 * {@link ServletApi}'s handles (the runtime never links against servlet classes): its status,
 * headers and stream, and the calls the exchange passes on unchanged. A class of its own so the
 * exchange holds only the decision of what to hold, stream or answer. Not thread-safe by itself:
 * every call comes under the exchange's monitor.
 */
final class ContainerResponse implements HeaderAccess {
    private final ServletApi api;
    private final Object response;
    private OutputStream raw;      // the container's stream

    ContainerResponse(ServletApi api, Object response) {
        this.api = api;
        this.response = response;
    }

    int status() throws Throwable {
        return (int) api.getStatus.invokeExact(response);
    }

    void setStatus(int status) throws Throwable {
        api.setStatus.invokeExact(response, status);
    }

    boolean isCommitted() throws Throwable {
        return (boolean) api.isCommitted.invokeExact(response);
    }

    /** The writer's charset, set on the response (ISO-8859-1 when it has none), as the container's getWriter() does. */
    String useCharacterEncoding() throws Throwable {
        String charset = (String) api.getCharacterEncoding.invokeExact(response);
        charset = charset == null ? "ISO-8859-1" : charset;
        api.setCharacterEncoding.invokeExact(response, charset);
        return charset;
    }

    @Override
    public String get(String name) {
        try {
            return (String) api.getHeader.invokeExact(response, name);
        } catch (Throwable t) {
            return null;
        }
    }

    @Override
    public void set(String name, String value) {
        try {
            api.setHeader.invokeExact(response, name, value);
        } catch (Throwable ignored) {
            // a container that refuses a header keeps its response as it was
        }
    }

    void setContentLength(long length) throws Throwable {
        if (length <= Integer.MAX_VALUE) {
            api.setContentLength.invokeExact(response, (int) length);
        } else {
            api.setHeader.invokeExact(response, "Content-Length", Long.toString(length));
        }
    }

    OutputStream raw() throws Throwable {
        if (raw == null) {
            raw = (OutputStream) (Object) api.getOutputStream.invokeExact(response);
        }
        return raw;
    }

    /** A stream method the exchange does not handle itself, on the container's stream. */
    Object stream(Method method, Object[] args) throws Throwable {
        OutputStream target = raw();
        try {
            return target.getClass().getMethod(method.getName(), method.getParameterTypes()).invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A response method the exchange does not handle itself, on the container's response. */
    Object pass(Method method, Object[] args) throws Throwable {
        try {
            return api.responseMethod(method).invoke(response, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
