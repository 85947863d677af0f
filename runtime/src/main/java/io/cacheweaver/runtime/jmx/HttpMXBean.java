package io.cacheweaver.runtime.jmx;

/** {@code io.cacheweaver:type=Http,name=<http rule id>} (documented in docs/http.md). */
public interface HttpMXBean {
    /** Responses the rule added headers to, 304s included. */
    long getResponses();

    /** 304 Not Modified answers sent instead of a body. */
    long getNotModified();

    /** Body bytes not sent thanks to those 304s. */
    long getBytesSaved();
}
