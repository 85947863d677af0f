package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.rules.WriteBehind;
import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.expr.Node;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code action: write-behind} on a {@code void} method: the call stores {@code value} under
 * {@code key} at once (as {@code put} does, invalidation broadcast included) and returns without
 * running the body; the body runs later on an agent thread, through the {@link Invoker}, with
 * the same receiver and arguments ({@link WriteBehindQueue} decides when). When the queue is
 * full, or the method cannot be called again, or the call is made on an agent thread, the body
 * runs on the caller's thread instead (the value is still stored at once; evicted if the body throws).
 */
final class WriteBehindHandler extends SiteHandler {
    /** Tells the advice to skip the body; a void method ignores the value. */
    private static final CacheHit QUEUED = new CacheHit(null);

    private final TieredCache cache;
    private final KeyTemplate key;
    private final Node value; // null: nothing to store, the key is evicted instead
    private final Node when;
    private final Duration ttl;
    private final SiteCounters counters;
    private final WriteBehind settings;
    private final Invoker invoker; // null: the body cannot run on an agent thread
    private final AtomicInteger rulePending;

    WriteBehindHandler(TieredCache cache, KeyTemplate key, Node value, Node when, Duration ttl, SiteCounters counters,
                       WriteBehind settings, Invoker invoker) {
        this.cache = cache;
        this.key = key;
        this.value = value;
        this.when = when;
        this.ttl = ttl;
        this.counters = counters;
        this.settings = settings;
        this.invoker = invoker;
        this.rulePending = WriteBehindPool.quota(counters.ruleId);
    }

    @Override
    Object enter(Object self, Object[] args) {
        Object k = key.localKey(self, args, null);
        boolean onAgentThread = Thread.currentThread() instanceof ReplayThread;
        if (onAgentThread && ((ReplayThread) Thread.currentThread()).consume(counters, k)) {
            return null; // this call is the write itself: the body runs
        }
        if (bypassed(when, counters, self, args)) {
            return null;
        }
        counters.writes.increment();
        Object v = value == null ? PendingWrite.NO_VALUE : value.eval(self, args, null);
        if (onAgentThread) {
            // an agent thread never waits on the queue it serves (it may be running this very key)
            store(k, v);
            return new Direct(this, k, v);
        }
        if (invoker != null && WriteBehindPool.queue().submit(new Queued(k, v, self, args))) {
            store(k, v);
            return QUEUED;
        }
        if (invoker != null) {
            counters.writeBehindOverflows.increment();
        }
        // the body runs now, on this thread, after the key's running write (the key's order)
        WriteBehindPool.queue().awaitRunning(new WriteBehindPool.SlotKey(cache.name(), k), settings.flushTimeout().toNanos());
        store(k, v); // at once, as for a queued call: the caches see the writes of a key in call order
        return new Direct(this, k, v);
    }

    /**
     * A body that ran on the caller's thread returned or threw. The exception reaches the caller
     * unchanged; the value stored for the call is then evicted (the source did not take it),
     * unless a later write of the key is pending, whose value the caches hold now.
     */
    @Override
    void exit(Object token, Object result, Throwable thrown) {
        if (!(token instanceof Direct direct)) {
            return;
        }
        if (thrown == null) {
            counters.writeBehindWritten.increment();
            if (direct.value == PendingWrite.NO_VALUE) {
                cache.evict(direct.key);
            }
        } else if (WriteBehindPool.pendingValue(cache.name(), direct.key) == PendingWrite.NO_VALUE) {
            cache.evict(direct.key);
        }
    }

    private void store(Object k, Object v) {
        if (v == PendingWrite.NO_VALUE) {
            cache.evict(k);
        } else {
            cache.store(k, v, ttl);
        }
    }

    /** A write whose body runs on the caller's thread. */
    private static final class Direct extends Token {
        final Object key;
        final Object value;

        Direct(SiteHandler handler, Object key, Object value) {
            super(handler);
            this.key = key;
            this.value = value;
        }
    }

    /** A queued call: its body runs on an agent thread, let through by the site it was made at. */
    private final class Queued extends PendingWrite {
        private final Object key;
        private final Object self;
        private final Object[] args;

        Queued(Object key, Object value, Object self, Object[] args) {
            super(new WriteBehindPool.SlotKey(cache.name(), key), value, WriteBehindHandler.this.settings,
                    WriteBehindHandler.this.counters, WriteBehindHandler.this.rulePending);
            this.key = key;
            this.self = self;
            this.args = args;
        }

        @Override
        void runBody() throws Throwable {
            ((ReplayThread) Thread.currentThread()).replay(counters, key, false, invoker, self, args);
        }

        @Override
        void written() {
            if (value == NO_VALUE) {
                cache.evict(key); // nothing was stored: drop what a reader may have loaded before the write landed
            }
        }

        @Override
        void gaveUp(Throwable last, boolean superseded) {
            AgentLog.warn("rule " + counters.ruleId + ": write-behind gave up on key " + KeyTemplate.text(key) + " after "
                    + attempts + " attempt(s), last failure " + last.getClass().getName()
                    + (superseded ? "; a later write of the key is pending" : "; the key was evicted, readers go to the source"));
            if (!superseded) {
                cache.evict(key);
            }
        }
    }
}
