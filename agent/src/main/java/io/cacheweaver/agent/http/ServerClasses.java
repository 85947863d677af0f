package io.cacheweaver.agent.http;

import java.util.Set;

/**
 * The classes {@link HttpWeaving} weaves, by name. Apart from {@link HttpWeaving} (which needs Byte
 * Buddy) so that premain can name them to the startup gate without loading Byte Buddy.
 */
public final class ServerClasses {
    static final String JDK_CHAIN = "com.sun.net.httpserver.Filter$Chain";

    /** Held by the startup gate until {@link HttpWeaving#start} has registered its transformer. */
    public static final Set<String> WOVEN = Set.of("javax.servlet.http.HttpServlet", "jakarta.servlet.http.HttpServlet", JDK_CHAIN);

    private ServerClasses() {
    }
}
