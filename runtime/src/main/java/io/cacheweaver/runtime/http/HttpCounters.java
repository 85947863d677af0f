package io.cacheweaver.runtime.http;

import java.util.concurrent.atomic.LongAdder;

/** What one {@code http:} rule did; read by its MBean. */
public final class HttpCounters {
    /** Responses the rule added headers to, 304s included. */
    final LongAdder responses = new LongAdder();
    /** 304s sent. */
    final LongAdder notModified = new LongAdder();
    /** Body bytes not sent thanks to 304s. */
    final LongAdder bytesSaved = new LongAdder();

    public long responses() {
        return responses.sum();
    }

    public long notModified() {
        return notModified.sum();
    }

    public long bytesSaved() {
        return bytesSaved.sum();
    }
}
