package io.cacheweaver.runtime.remote;

/**
 * What another instance changed, as the remote layer hears it. The runtime implements this to
 * drop entries from its local layers; implementations must be quick and must not throw (they
 * run on the remote layer's subscriber thread).
 */
public interface InvalidationListener {

    /** Another instance wrote or removed {@code key} of {@code cache}. */
    void invalidated(String cache, String key);

    /** Another instance removed every entry of {@code cache}. */
    void invalidatedAll(String cache);

    /** Some instance (or an outside publisher) evicted every entry tagged {@code tag}. */
    default void invalidatedTag(String tag) {
    }

    /** Messages may have been missed (connection lost or re-established): forget every local entry. */
    void resynchronize();

    /**
     * Runs the code a message runs, changing nothing a cleared cache would notice: called once, on
     * the subscriber thread, so that the first real message does not pay for class loading.
     */
    default void warmUp() {
    }
}
