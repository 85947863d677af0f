package io.cacheweaver.runtime;

import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.expr.Node;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code action: put} or {@code evict} with {@code each}: after a normal return (or before the
 * call, for {@code before: true}), one key per element of the batch argument, stored or removed
 * in every layer with one remote round trip and one invalidation message for the batch. Keys
 * are computed after the call, so that ids the method assigned ({@code saveAll}) are seen.
 * {@code null} elements are skipped.
 */
final class BatchWriteHandler extends SiteHandler {
    private final TieredCache cache;
    private final int each;
    private final KeyTemplate key;  // over the arguments and "it" at index args.length
    private final Node value;       // put: over the arguments, "it" and result; null = the element itself
    private final boolean put;
    private final Node when;
    private final Node unless;
    private final boolean before;
    private final Duration ttl;
    private final SiteCounters counters;

    BatchWriteHandler(TieredCache cache, int each, KeyTemplate key, Node value, boolean put, Node when, Node unless,
                      boolean before, Duration ttl, SiteCounters counters) {
        this.cache = cache;
        this.each = each;
        this.key = key;
        this.value = value;
        this.put = put;
        this.when = when;
        this.unless = unless;
        this.before = before;
        this.ttl = ttl;
        this.counters = counters;
    }

    @Override
    Object enter(Object self, Object[] args) {
        if (bypassed(when, counters, self, args)) {
            return null;
        }
        if (before && !put) {
            write(self, args, null);
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
        if (put && unless != null && Boolean.TRUE.equals(unless.eval(call.self, call.args, result))) {
            counters.writes.increment();
            return;
        }
        write(call.self, call.args, result);
    }

    private void write(Object self, Object[] args, Object result) {
        counters.writes.increment();
        Object[] elements = BatchArgument.elements(args[each]);
        if (elements == null) {
            return;
        }
        counters.batchCalls.increment();
        counters.batchElements.add(elements.length);
        if (elements.length == 0) {
            return;
        }
        Object[] withIt = Arrays.copyOf(args, args.length + 1);
        Map<Object, Object> byKey = new LinkedHashMap<>(); // the last element of a key wins, as sequential puts would
        for (Object element : elements) {
            if (element == null) {
                continue;
            }
            withIt[args.length] = element;
            Object k = key.localKey(self, withIt, result);
            byKey.remove(k);
            byKey.put(k, put ? (value == null ? element : value.eval(self, withIt, result)) : null);
        }
        Object[] keys = byKey.keySet().toArray();
        if (put) {
            cache.storeMany(keys, byKey.values().toArray(), ttl);
        } else {
            cache.evictMany(keys);
        }
    }
}
