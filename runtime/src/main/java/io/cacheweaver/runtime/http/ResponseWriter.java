package io.cacheweaver.runtime.http;

import java.io.IOException;
import java.io.Writer;

/** The writer's sink: after {@link ServletExchange#continueAsync} every write is flushed, since no one flushes it at the end. */
final class ResponseWriter extends Writer {
    private final Writer out;
    volatile boolean autoFlush;

    ResponseWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        out.write(chars, offset, length);
        if (autoFlush) {
            out.flush();
        }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        out.write(text, offset, length);
        if (autoFlush) {
            out.flush();
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
