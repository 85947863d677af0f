package io.cacheweaver.rules;

import java.nio.file.Path;

/**
 * A cache's pre-warming ({@code warm:}): at startup, up to {@code top} of the previous run's most
 * used entries are loaded into the local layer in the background, from Redis when the cache has
 * the Redis layer, else from {@code file}, a snapshot written at the last orderly shutdown.
 *
 * @param top  how many entries at most; positive
 * @param file the snapshot file, or {@code null} (then the cache must have the Redis layer)
 */
public record Warm(int top, Path file) {
    /** An upper bound on {@code top}: a warm-up is a few round trips, not a copy of Redis. */
    public static final int MAX_TOP = 100_000;
}
