package io.cacheweaver.bootstrap;

/**
 * The HTTP layer as woven server code sees it (the {@code http:} rules). Implemented inside the
 * isolated class loader; servlet and server objects cross this boundary typed as {@code Object},
 * so that the bridge never names a class the application may not have.
 */
public interface HttpDispatcher {

    /**
     * Called when a servlet's {@code service(ServletRequest, ServletResponse)} starts; {@code servletType}
     * is the {@code HttpServlet} class of the application's servlet API (javax or jakarta). Returns the
     * exchange to hand back to {@link #servletResponse} and {@link #servletExit}, or {@code null} when no
     * rule applies (the request then runs as if there were no agent).
     */
    Object servletEnter(Class<?> servletType, Object request, Object response);

    /** The response object the servlet gets instead of the container's: a wrapper around it. */
    Object servletResponse(Object exchange);

    /** Called when {@code service} returns or throws. */
    void servletExit(Object exchange, Throwable thrown);

    /**
     * Called as the JDK HTTP server starts a request's filter chain: returns the exchange the
     * application's filters and handler see, either {@code exchange} itself or a wrapper of it.
     */
    Object jdkExchange(Object exchange);

    /** The dispatcher used before the runtime is installed: every request passes through untouched. */
    HttpDispatcher NONE = new HttpDispatcher() {
        @Override
        public Object servletEnter(Class<?> servletType, Object request, Object response) {
            return null;
        }

        @Override
        public Object servletResponse(Object exchange) {
            return null;
        }

        @Override
        public void servletExit(Object exchange, Throwable thrown) {
        }

        @Override
        public Object jdkExchange(Object exchange) {
            return exchange;
        }
    };
}
