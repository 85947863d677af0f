package io.cacheweaver.runtime.http;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;

/**
 * One servlet response under an {@code http:} rule: the handler behind the generated response
 * wrapper and its output stream. With an ETag the body is held (up to the limit) and hashed until
 * the servlet is done, then sent as a 200 with ETag and Content-Length, or as a 304 without body;
 * otherwise, and past the limit, the body streams straight through and the headers are added just
 * before the first byte goes out. An asynchronous servlet may write from another thread while
 * {@code service} returns, so the state is guarded by this object's monitor; the writer is always
 * flushed before that monitor is taken (its own lock comes first, never the other way round).
 */
final class ServletExchange implements InvocationHandler {
    private enum Mode { HOLDING, STREAMING, DONE }

    private final ServletApi api;
    private final HttpRoute route;
    private final ContainerResponse container;
    private final ServletWrappers wrappers;
    private final BodyBuffer buffer;
    private Mode mode;
    private boolean headersDone;
    private long declaredLength = -1;
    private OutputStream stream;   // the generated ServletOutputStream the application writes to
    private volatile PrintWriter writer;
    private volatile ResponseWriter writerSink;
    private volatile boolean async;

    ServletExchange(ServletApi api, HttpRoute route, Object response, ServletWrappers wrappers, int etagLimit) {
        this.api = api;
        this.route = route;
        this.container = new ContainerResponse(api, response);
        this.wrappers = wrappers;
        this.buffer = route.hashesBody() ? new BodyBuffer(etagLimit) : null;
        this.mode = buffer != null ? Mode.HOLDING : Mode.STREAMING;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("flushBuffer") || name.equals("close")) {
            flushWriter();
        }
        synchronized (this) {
            return dispatch(method, args);
        }
    }

    private Object dispatch(Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "write" -> {
                if (args.length == 1 && args[0] instanceof Integer b) {
                    write(new byte[] {(byte) (int) b}, 0, 1);
                } else if (args.length == 1 && args[0] instanceof java.nio.ByteBuffer buffer) { // Servlet 6.1
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes); // consumed, as the stream's own write would
                    write(bytes, 0, bytes.length);
                } else if (args.length == 1) {
                    byte[] bytes = (byte[]) args[0];
                    write(bytes, 0, bytes.length);
                } else {
                    write((byte[]) args[0], (Integer) args[1], (Integer) args[2]);
                }
                return null;
            }
            case "flush" -> {
                if (mode == Mode.STREAMING) {
                    headers();
                    container.raw().flush();
                }
                return null; // while holding, a flush would defeat the ETag (as Spring's ContentCachingResponseWrapper)
            }
            case "close" -> {
                finishHeld();
                return null;
            }
            case "isReady" -> {
                return Boolean.TRUE;
            }
            case "setWriteListener" -> {
                container.stream(method, args);
                return null;
            }
            case "getOutputStream" -> {
                if (writer != null) {
                    throw new IllegalStateException("getWriter() has already been called for this response");
                }
                return outputStream();
            }
            case "getWriter" -> {
                if (stream != null && writer == null) {
                    throw new IllegalStateException("getOutputStream() has already been called for this response");
                }
                return writer();
            }
            case "sendError", "sendRedirect" -> {
                mode = Mode.DONE; // not a 2xx: the container writes its own body
                if (buffer != null) {
                    buffer.clear();
                }
                return container.pass(method, args);
            }
            case "flushBuffer" -> {
                if (mode == Mode.STREAMING) {
                    headers();
                    return container.pass(method, args);
                }
                return null;
            }
            case "reset", "resetBuffer" -> {
                if (buffer != null) {
                    buffer.clear();
                }
                if (method.getName().equals("reset")) {
                    headersDone = false;
                    declaredLength = -1;
                }
                return container.pass(method, args);
            }
            case "setContentLength", "setContentLengthLong" -> {
                declaredLength = ((Number) args[0]).longValue();
                if (mode == Mode.HOLDING && !buffer.fits(declaredLength)) {
                    stopHolding(); // too large for an ETag: stream it from the first byte
                }
                return mode == Mode.HOLDING ? null : container.pass(method, args);
            }
            default -> {
                return container.pass(method, args);
            }
        }
    }

    private Object outputStream() throws Exception {
        if (stream == null) {
            stream = wrappers.outputStream(api.servletType, this);
        }
        return stream;
    }

    private PrintWriter writer() throws Throwable {
        if (writer == null) {
            String charset = container.useCharacterEncoding();
            outputStream();
            ResponseWriter sink = new ResponseWriter(new OutputStreamWriter(stream, charset));
            writerSink = sink;
            if (async) { // checked after publishing the sink: continueAsync either sees it or is seen here
                sink.autoFlush = true;
            }
            writer = new PrintWriter(sink);
        }
        return writer;
    }

    private void write(byte[] bytes, int offset, int length) throws Throwable {
        if (mode == Mode.HOLDING) {
            if (buffer.append(bytes, offset, length)) {
                return;
            }
            stopHolding();
        }
        headers();
        container.raw().write(bytes, offset, length);
    }

    /** The body is too large for an ETag, or the response goes on asynchronously: send what is held and stream the rest. */
    private void stopHolding() throws Throwable {
        mode = Mode.STREAMING;
        if (declaredLength >= 0) {
            container.setContentLength(declaredLength);
        }
        if (buffer.size() > 0) {
            headers();
            buffer.writeTo(container.raw());
        }
        buffer.clear();
    }

    /** The servlet returned (or closed the stream): send a held body, or make sure a streamed one got its headers. */
    void finish() throws Throwable {
        flushWriter();
        synchronized (this) {
            finishHeld();
        }
    }

    private void finishHeld() throws Throwable {
        if (mode == Mode.HOLDING) {
            mode = Mode.DONE;
            int status = container.status();
            if (!ResponseHeaders.isSuccess(status)) {
                buffer.writeTo(container.raw());
                return;
            }
            headersDone = true;
            // an ETag the application set itself is its own business: kept, and never answered with our 304
            String etag = container.get("ETag") == null ? buffer.etag() : null;
            ResponseHeaders.apply(container, route, etag);
            if (etag != null && EntityTags.matches(route.ifNoneMatch(), etag)) {
                container.setStatus(304);
                route.counters().notModified.increment();
                route.counters().bytesSaved.add(buffer.size());
                return;
            }
            container.setContentLength(buffer.size());
            buffer.writeTo(container.raw());
        } else if (mode == Mode.STREAMING) {
            mode = Mode.DONE;
            headers();
        }
    }

    /** The servlet returned but the response goes on asynchronously: from now on everything streams through. */
    void continueAsync() throws Throwable {
        async = true;
        ResponseWriter sink = writerSink;
        if (sink != null) {
            sink.autoFlush = true; // first: text printed from now on is flushed by its own print
        }
        flushWriter();          // then: what was printed before
        synchronized (this) {
            if (mode == Mode.HOLDING) {
                stopHolding();
            }
        }
    }

    /** The servlet threw: whatever it wrote goes out as it is, without the rule's headers (the container answers with an error). */
    void abandon() throws Throwable {
        flushWriter();
        synchronized (this) {
            headersDone = true;
            if (mode == Mode.HOLDING) {
                buffer.writeTo(container.raw());
            }
            mode = Mode.DONE;
        }
    }

    private void flushWriter() {
        PrintWriter current = writer;
        if (current != null) {
            current.flush(); // never throws: a PrintWriter keeps its errors to itself
        }
    }

    /** Adds the rule's headers once, before the first byte goes out, to a 2xx response. */
    private void headers() throws Throwable {
        if (headersDone) {
            return;
        }
        headersDone = true;
        if (container.isCommitted()) {
            return;
        }
        int status = container.status();
        if (ResponseHeaders.isSuccess(status)) {
            ResponseHeaders.apply(container, route, null);
        }
    }
}
