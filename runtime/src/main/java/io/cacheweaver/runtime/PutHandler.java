package io.cacheweaver.runtime;

import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.expr.Node;
import java.time.Duration;

/** {@code action: put}: after a normal return, store {@code value} (default: the result) under {@code key}. */
final class PutHandler extends SiteHandler {
    private final TieredCache cache;
    private final KeyTemplate key;
    private final Node value; // null = the method's result
    private final Node when;
    private final Node unless;
    private final Duration ttl;
    private final SiteCounters counters;

    PutHandler(TieredCache cache, KeyTemplate key, Node value, Node when, Node unless, Duration ttl, SiteCounters counters) {
        this.cache = cache;
        this.key = key;
        this.value = value;
        this.when = when;
        this.unless = unless;
        this.ttl = ttl;
        this.counters = counters;
    }

    @Override
    Object enter(Object self, Object[] args) {
        if (bypassed(when, counters, self, args)) {
            return null;
        }
        return new Call(this, self, args);
    }

    @Override
    void exit(Object token, Object result, Throwable thrown) {
        if (thrown != null) {
            return; // the method failed: the caches stay as they were
        }
        Call call = (Call) token;
        counters.writes.increment();
        if (unless != null && Boolean.TRUE.equals(unless.eval(call.self, call.args, result))) {
            return;
        }
        Object stored = value == null ? result : value.eval(call.self, call.args, result);
        Object k = key.localKey(call.self, call.args, result);
        String[] tags;
        try {
            tags = tagsOf(call.self, call.args, result);
        } catch (RuntimeException e) {
            cache.evict(k); // the old value must not outlive the write it missed
            throw e;
        }
        cache.store(k, stored, ttl, tags);
    }
}
