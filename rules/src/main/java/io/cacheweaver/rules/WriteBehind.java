package io.cacheweaver.rules;

import java.time.Duration;

/**
 * The queue settings of an {@code action: write-behind} rule ({@code writeBehind:}).
 *
 * @param delay        how long the first pending call of a key waits; later calls for that key within it are coalesced
 * @param maxQueue     pending writes (not yet started) of this rule; beyond it a call runs its body on the caller's thread
 * @param retries      runs after the first one fails (0: none); then the write is given up and its key evicted
 * @param flushTimeout the longest a flush (orderly exit, JMX {@code flushWriteBehind}) waits for pending writes
 */
public record WriteBehind(Duration delay, int maxQueue, int retries, Duration flushTimeout) {
    public static final WriteBehind DEFAULTS = new WriteBehind(Duration.ofSeconds(1), 10_000, 3, Duration.ofSeconds(10));
}
