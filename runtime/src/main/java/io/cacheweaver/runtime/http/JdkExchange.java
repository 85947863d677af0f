package io.cacheweaver.runtime.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * What the application's filters and handler see instead of the JDK server's exchange when an
 * {@code http:} rule applies. Without an ETag it only adds the rule's headers as the application
 * sends its own. With one, {@code sendResponseHeaders} is held back together with the body (up to
 * the limit) until the application closes the body or the exchange; then the server gets either
 * a 200 with ETag and exact length, or a 304 without body. Everything else is the server's.
 */
final class JdkExchange extends HttpExchange {
    private final HttpExchange server;
    private final HttpRoute route;
    private final BodyBuffer buffer;
    private int heldStatus = -1;   // a held sendResponseHeaders: its status; -1 when nothing is held
    private long heldLength;
    private boolean finished;
    private OutputStream body;

    JdkExchange(HttpExchange server, HttpRoute route, int etagLimit) {
        this.server = server;
        this.route = route;
        this.buffer = route.hashesBody() ? new BodyBuffer(etagLimit) : null;
    }

    @Override
    public void sendResponseHeaders(int status, long length) throws IOException {
        if (!ResponseHeaders.isSuccess(status)) {
            server.sendResponseHeaders(status, length);
            return;
        }
        // length: -1 no body, 0 chunked, else exact
        if (buffer != null && length >= 0 && buffer.fits(length) && heldStatus < 0) {
            heldStatus = status;
            heldLength = length;
            return;
        }
        ResponseHeaders.apply(headers(), route, null);
        server.sendResponseHeaders(status, length);
    }

    @Override
    public OutputStream getResponseBody() {
        if (body == null) {
            body = new Body();
        }
        return body;
    }

    @Override
    public int getResponseCode() {
        return heldStatus >= 0 ? heldStatus : server.getResponseCode();
    }

    @Override
    public void close() {
        try {
            finish();
        } catch (IOException e) {
            // the client went away; the server's close below deals with the connection
        }
        server.close();
    }

    /** Sends what was held: the 200 with ETag, or a 304 when the client has that ETag. */
    private void finish() throws IOException {
        if (finished || heldStatus < 0) {
            return;
        }
        finished = true;
        // an ETag the application set itself is its own business: kept, and never answered with our 304
        String etag = server.getResponseHeaders().getFirst("ETag") == null ? buffer.etag() : null;
        ResponseHeaders.apply(headers(), route, etag);
        OutputStream out = server.getResponseBody();
        if (etag != null && EntityTags.matches(route.ifNoneMatch(), etag)) {
            route.counters().notModified.increment();
            route.counters().bytesSaved.add(buffer.size());
            server.getResponseHeaders().remove("Content-Length");
            server.sendResponseHeaders(304, -1);
        } else {
            server.sendResponseHeaders(heldStatus, buffer.size() == 0 ? -1 : buffer.size());
            buffer.writeTo(out);
        }
        heldStatus = -1;
        out.close();
    }

    /** Too large for an ETag after all: send the held headers as the application gave them, then stream. */
    private void release() throws IOException {
        int status = heldStatus;
        heldStatus = -1;
        finished = true;
        ResponseHeaders.apply(headers(), route, null);
        server.sendResponseHeaders(status, heldLength);
        buffer.writeTo(server.getResponseBody());
        buffer.clear();
    }

    private HeaderAccess headers() {
        Headers headers = server.getResponseHeaders();
        return new HeaderAccess() {
            @Override
            public String get(String name) {
                return headers.getFirst(name);
            }

            @Override
            public void set(String name, String value) {
                headers.set(name, value);
            }
        };
    }

    /** The application's view of the body. */
    private final class Body extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (heldStatus >= 0) {
                if (buffer.append(bytes, offset, length)) {
                    return;
                }
                release();
            }
            server.getResponseBody().write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            if (heldStatus < 0) {
                server.getResponseBody().flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (heldStatus >= 0) {
                finish();
            } else {
                server.getResponseBody().close();
            }
        }
    }

    // everything below is the server's own

    @Override
    public Headers getRequestHeaders() {
        return server.getRequestHeaders();
    }

    @Override
    public Headers getResponseHeaders() {
        return server.getResponseHeaders();
    }

    @Override
    public URI getRequestURI() {
        return server.getRequestURI();
    }

    @Override
    public String getRequestMethod() {
        return server.getRequestMethod();
    }

    @Override
    public HttpContext getHttpContext() {
        return server.getHttpContext();
    }

    @Override
    public InputStream getRequestBody() {
        return server.getRequestBody();
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return server.getRemoteAddress();
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return server.getLocalAddress();
    }

    @Override
    public String getProtocol() {
        return server.getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
        return server.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        server.setAttribute(name, value);
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {
        server.setStreams(in, out);
        body = null; // the next getResponseBody() wraps the filter's stream
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return server.getPrincipal();
    }
}
