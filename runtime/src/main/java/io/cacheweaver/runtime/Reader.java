package io.cacheweaver.runtime;

import io.cacheweaver.runtime.remote.ValueType;

/**
 * Who reads a cache, and what it may be given: one per cache-aside site, built once. A value
 * may only replace a method's result if the method could have returned it, because another rule
 * or another instance may have written something else under the same key.
 *
 * @param type       the declared (generic) result type, to decode remote values into
 * @param resultType the boxed result class a value must be an instance of
 * @param nullable   whether {@code null} fits (not for a primitive result)
 * @param counters   where the site's hits and misses are counted
 * @param waitNanos  how long to wait for a load of the same key running in this JVM
 */
record Reader(ValueType type, Class<?> resultType, boolean nullable, SiteCounters counters, long waitNanos) {

    boolean fits(Object value) {
        return value == null ? nullable : resultType.isInstance(value);
    }
}
