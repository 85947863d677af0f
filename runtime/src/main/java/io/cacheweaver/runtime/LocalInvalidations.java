package io.cacheweaver.runtime;

import io.cacheweaver.runtime.remote.InvalidationListener;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Applies other instances' writes to this instance's local layers. Looks the caches up on every
 * message, so a rules reload that replaced a cache is honoured without re-registering.
 */
final class LocalInvalidations implements InvalidationListener {
    /** No key template renders a NUL character, and removing an absent key changes nothing. */
    private static final String WARM_UP_KEY = "\u0000cacheweaver warm-up";

    private final Supplier<Map<String, TieredCache>> caches;
    private final TagClock tagClock;

    LocalInvalidations(Supplier<Map<String, TieredCache>> caches) {
        this(caches, new TagClock());
    }

    LocalInvalidations(Supplier<Map<String, TieredCache>> caches, TagClock tagClock) {
        this.caches = caches;
        this.tagClock = tagClock;
    }

    /** O(1): the tag is recorded, and entries carrying it are found outdated on their next hit. */
    @Override
    public void invalidatedTag(String tag) {
        tagClock.evicted(tag);
    }

    @Override
    public void invalidated(String cache, String key) {
        TieredCache named = caches.get().get(cache);
        if (named != null) {
            named.invalidateLocal(key);
        }
    }

    @Override
    public void invalidatedAll(String cache) {
        TieredCache named = caches.get().get(cache);
        if (named != null) {
            named.invalidateLocalAll();
        }
    }

    @Override
    public void resynchronize() {
        for (TieredCache named : caches.get().values()) {
            named.invalidateLocalAll();
        }
    }

    @Override
    public void warmUp() {
        for (String cache : caches.get().keySet()) {
            invalidated(cache, WARM_UP_KEY);
        }
    }
}
