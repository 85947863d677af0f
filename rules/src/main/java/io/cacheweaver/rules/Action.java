package io.cacheweaver.rules;

/** What a rule does around its method. */
public enum Action {
    /** cache-aside: on a hit the method body does not run (the default) */
    CACHE,
    /** write-through: after a normal return, store the value */
    PUT,
    /** after a normal return (or before the call with {@code before: true}), remove the key */
    EVICT,
    /**
     * write-behind ({@code void} methods only): store the value at once and return; the body
     * runs later on an agent thread (coalesced per key, retried, flushed at exit)
     */
    WRITE_BEHIND
}
