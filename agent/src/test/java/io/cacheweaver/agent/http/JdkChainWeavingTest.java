package io.cacheweaver.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import io.cacheweaver.bootstrap.HttpBridge;
import io.cacheweaver.bootstrap.HttpDispatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDK server's weaving on the running JDK's own {@code Filter$Chain} class file: woven by the
 * transformer, defined as a copy in a class loader of its own (so verified), and run with no
 * filters, so that {@code doFilter} hands the exchange to the handler.
 */
class JdkChainWeavingTest {
    private final RecordingHttpDispatcher dispatcher = new RecordingHttpDispatcher();
    private final AtomicReference<HttpExchange> handled = new AtomicReference<>();
    private final HttpExchange original = new StubExchange();

    @BeforeEach
    void install() throws Exception {
        HttpBridge.install(dispatcher);
    }

    @AfterEach
    void restore() {
        HttpBridge.install(HttpDispatcher.NONE);
    }

    /** {@code doFilter(exchange)} on a woven chain whose handler is {@code handler}. */
    private static void doFilter(HttpHandler handler, HttpExchange exchange) throws Throwable {
        byte[] bytes;
        try (InputStream in = Filter.Chain.class.getResourceAsStream("Filter$Chain.class")) {
            bytes = in.readAllBytes();
        }
        byte[] woven = LeanServerWeaving.forServers(null).transform(null, null, "com/sun/net/httpserver/Filter$Chain", null, null,
                bytes);
        assertNotNull(woven, "the JDK's chain is woven");
        Class<?> chain = OneClassLoader.define(ServerClasses.JDK_CHAIN, woven);
        Object instance = chain.getConstructor(List.class, HttpHandler.class).newInstance(List.of(), handler);
        Method doFilter = chain.getMethod("doFilter", HttpExchange.class);
        try {
            doFilter.invoke(instance, exchange);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void theHandlerGetsTheExchangeTheBridgeAnswers() throws Throwable {
        HttpExchange replacement = new StubExchange();
        dispatcher.replacement = replacement;
        doFilter(handled::set, original);
        assertSame(replacement, handled.get());
        assertEquals(List.of("jdkExchange"), dispatcher.calls);
    }

    @Test
    void withoutAReplacementTheHandlerGetsTheOriginal() throws Throwable {
        doFilter(handled::set, original);
        assertSame(original, handled.get());
        assertEquals(List.of("jdkExchange"), dispatcher.calls);
    }

    @Test
    void anAnswerThatIsNoExchangeIsSuppressedAndTheOriginalStands() throws Throwable {
        dispatcher.replacement = "not an exchange"; // the cast fails inside the woven entry code
        doFilter(handled::set, original);
        assertSame(original, handled.get());
    }

    @Test
    void aDispatcherThatThrowsNeverReachesTheCaller() throws Throwable {
        dispatcher.failure = new IllegalStateException("dispatcher down");
        doFilter(handled::set, original);
        assertSame(original, handled.get());
    }

    @Test
    void theHandlersExceptionReachesTheCallerUnchanged() {
        IOException failure = new IOException("boom");
        assertSame(failure, assertThrows(IOException.class, () -> doFilter(exchange -> {
            throw failure;
        }, original)));
    }

    /** An exchange that is nothing but itself. */
    private static final class StubExchange extends HttpExchange {
        @Override
        public Headers getRequestHeaders() {
            return new Headers();
        }

        @Override
        public Headers getResponseHeaders() {
            return new Headers();
        }

        @Override
        public URI getRequestURI() {
            return URI.create("/");
        }

        @Override
        public String getRequestMethod() {
            return "GET";
        }

        @Override
        public HttpContext getHttpContext() {
            return null;
        }

        @Override
        public void close() {
        }

        @Override
        public InputStream getRequestBody() {
            return InputStream.nullInputStream();
        }

        @Override
        public OutputStream getResponseBody() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public void sendResponseHeaders(int code, long length) {
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return null;
        }

        @Override
        public int getResponseCode() {
            return -1;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public String getProtocol() {
            return "HTTP/1.1";
        }

        @Override
        public Object getAttribute(String name) {
            return null;
        }

        @Override
        public void setAttribute(String name, Object value) {
        }

        @Override
        public void setStreams(InputStream in, OutputStream out) {
        }

        @Override
        public HttpPrincipal getPrincipal() {
            return null;
        }
    }
}
