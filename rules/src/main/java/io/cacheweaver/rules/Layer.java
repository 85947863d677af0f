package io.cacheweaver.rules;

/** Where a cache keeps entries. */
public enum Layer {
    LOCAL, REDIS
}
