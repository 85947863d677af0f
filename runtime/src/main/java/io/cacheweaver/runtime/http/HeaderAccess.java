package io.cacheweaver.runtime.http;

/** One server's response headers, as {@link ResponseHeaders} needs them. */
interface HeaderAccess {
    /** The first value of {@code name}, or {@code null}. */
    String get(String name);

    /** Replaces every value of {@code name}. */
    void set(String name, String value);
}
