package io.cacheweaver.runtime;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An agent thread that calls woven methods again on the application's behalf: refresh-ahead
 * reloads ({@link RefreshPool}) and write-behind writes ({@link WriteBehindQueue}). The call goes
 * through the woven code like any other; the site it is {@link #target}ed at lets exactly that
 * one call through to the body (no cache lookup, nothing queued), so the advice needs nothing
 * special. Daemon: an agent thread never keeps the application's JVM alive.
 */
class ReplayThread extends Thread {
    private Object targetOwner;
    private Object targetKey;
    private boolean targetIsRefresh;

    ReplayThread(Runnable task, String name) {
        super(task, name);
        setDaemon(true);
    }

    /** Threads named {@code prefix-1}, {@code prefix-2}, …: the name tells an operator which agent pool it belongs to. */
    static ThreadFactory factory(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> new ReplayThread(task, prefix + "-" + count.incrementAndGet());
    }

    /**
     * The next call for {@code key} at the site {@code owner} names (its handler, or its counters,
     * which survive a rules reload) on this thread bypasses the cache, once; {@code refresh}: it
     * is a refresh-ahead (counted as such), not a stale entry's load.
     */
    void target(Object owner, Object key, boolean refresh) {
        this.targetOwner = owner;
        this.targetKey = key;
        this.targetIsRefresh = refresh;
    }

    /** Whether this call is the replayed one: consumed, so that a recursive call of the same method is handled as usual. */
    boolean consume(Object owner, Object key) {
        if (targetOwner == owner && key.equals(targetKey)) {
            targetOwner = null;
            targetKey = null;
            return true;
        }
        return false;
    }

    /** What the last consumed target was: a refresh-ahead or not. */
    boolean consumedRefresh() {
        return targetIsRefresh;
    }

    /** Calls the woven method through {@code invoker} on this thread, with that one call let through; its result or exception. */
    Object replay(Object owner, Object key, boolean refresh, Invoker invoker, Object self, Object[] args) throws Throwable {
        target(owner, key, refresh);
        try {
            return invoker.invoke(self, args);
        } finally {
            target(null, null, false);
        }
    }
}
