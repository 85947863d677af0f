package io.cacheweaver.bootstrap;

/**
 * What woven servlet containers and the JDK HTTP server call: the HTTP counterpart of
 * {@link CacheBridge}, on the bootstrap class path for the same reason. Nothing here may throw
 * into the server: on any failure the request runs as if there were no agent.
 */
public final class HttpBridge {
    private static volatile HttpDispatcher dispatcher = HttpDispatcher.NONE;

    private HttpBridge() {
    }

    public static Object servletEnter(Class<?> servletType, Object request, Object response) {
        try {
            return dispatcher.servletEnter(servletType, request, response);
        } catch (Throwable t) {
            return null;
        }
    }

    /** The response to use instead of {@code original}; {@code original} when there is nothing to wrap. */
    public static Object servletResponse(Object exchange, Object original) {
        if (exchange == null) {
            return original;
        }
        try {
            Object wrapper = dispatcher.servletResponse(exchange);
            return wrapper == null ? original : wrapper;
        } catch (Throwable t) {
            return original;
        }
    }

    public static void servletExit(Object exchange, Throwable thrown) {
        if (exchange == null) {
            return;
        }
        try {
            dispatcher.servletExit(exchange, thrown);
        } catch (Throwable ignored) {
            // the server's own outcome always wins
        }
    }

    public static Object jdkExchange(Object exchange) {
        try {
            Object replaced = dispatcher.jdkExchange(exchange);
            return replaced == null ? exchange : replaced;
        } catch (Throwable t) {
            return exchange;
        }
    }

    public static void install(HttpDispatcher installed) {
        dispatcher = installed == null ? HttpDispatcher.NONE : installed;
    }

    public static HttpDispatcher installed() {
        return dispatcher;
    }
}
