package io.cacheweaver.agent.http;

import java.util.List;
import java.util.Set;

/**
 * The classes {@link HttpWeaving} weaves, by name, and the method woven in each. Premain names the
 * classes to the startup gate through {@link #WOVEN} alone, which loads nothing of the weaving.
 */
public final class ServerClasses {
    static final String JDK_CHAIN = "com.sun.net.httpserver.Filter$Chain";

    /** Held by the startup gate until {@link HttpWeaving#start} has registered its transformer. */
    public static final Set<String> WOVEN = Set.of("javax.servlet.http.HttpServlet", "jakarta.servlet.http.HttpServlet", JDK_CHAIN);

    private ServerClasses() {
    }

    /**
     * The servlet API's entry (javax and jakarta, only the {@code (ServletRequest, ServletResponse)}
     * overload) and the JDK server's filter chain: one method in each of {@link #WOVEN}.
     */
    static List<ServerMethod> methods() {
        return List.of(
                ServerMethod.servletService("javax.servlet.http.HttpServlet", "javax.servlet.ServletRequest",
                        "javax.servlet.ServletResponse"),
                ServerMethod.servletService("jakarta.servlet.http.HttpServlet", "jakarta.servlet.ServletRequest",
                        "jakarta.servlet.ServletResponse"),
                ServerMethod.chainDoFilter(JDK_CHAIN, "com.sun.net.httpserver.HttpExchange"));
    }
}
