package io.cacheweaver.runtime.jmx;

import io.cacheweaver.runtime.http.HttpCounters;
import io.cacheweaver.runtime.http.HttpLayer;

/** The MBean of one {@code http:} rule; reads the counters in force, so it survives reloads that keep the id. */
final class HttpView implements HttpMXBean {
    private final String id;

    HttpView(String id) {
        this.id = id;
    }

    private HttpCounters counters() {
        HttpLayer layer = HttpLayer.installed();
        return layer == null ? null : layer.counters(id);
    }

    @Override
    public long getResponses() {
        HttpCounters c = counters();
        return c == null ? 0 : c.responses();
    }

    @Override
    public long getNotModified() {
        HttpCounters c = counters();
        return c == null ? 0 : c.notModified();
    }

    @Override
    public long getBytesSaved() {
        HttpCounters c = counters();
        return c == null ? 0 : c.bytesSaved();
    }
}
