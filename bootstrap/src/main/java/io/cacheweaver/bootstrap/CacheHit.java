package io.cacheweaver.bootstrap;

/**
 * What the enter advice returns when the cache answers: the woven method body is skipped and
 * {@link #value} becomes its result. A separate type (rather than "non-null means hit") lets a
 * cached {@code null} be told apart from a miss.
 *
 * <p>Not final: the runtime stores subclasses carrying expiry data directly in its local layer,
 * so that an in-process hit allocates nothing.
 */
public class CacheHit {
    public final Object value;

    public CacheHit(Object value) {
        this.value = value;
    }
}
