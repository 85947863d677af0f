package io.cacheweaver.runtime;

import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.expr.Node;

/**
 * {@code action: evict}: remove one key (or every entry) after a normal return, or before the
 * call with {@code before: true} — then also when the method throws.
 */
final class EvictHandler extends SiteHandler {
    private final TieredCache cache;
    private final KeyTemplate key; // null with allEntries
    private final Node when;
    private final boolean before;
    private final SiteCounters counters;
    private final java.util.List<Node> purgePaths; // purge: request paths for the CDN

    EvictHandler(TieredCache cache, KeyTemplate key, Node when, boolean before, SiteCounters counters) {
        this(cache, key, when, before, counters, java.util.List.of());
    }

    EvictHandler(TieredCache cache, KeyTemplate key, Node when, boolean before, SiteCounters counters,
                 java.util.List<Node> purgePaths) {
        this.cache = cache;
        this.key = key;
        this.when = when;
        this.before = before;
        this.counters = counters;
        this.purgePaths = purgePaths;
    }

    @Override
    Object enter(Object self, Object[] args) {
        if (bypassed(when, counters, self, args)) {
            return null;
        }
        if (before) {
            evict(self, args);
            return null;
        }
        return new Call(this, self, args);
    }

    @Override
    void exit(Object token, Object result, Throwable thrown) {
        if (thrown == null) {
            Call call = (Call) token;
            evict(call.self, call.args);
        }
    }

    private void evict(Object self, Object[] args) {
        counters.writes.increment();
        if (key == null) {
            cache.evictAll();
        } else {
            cache.evict(key.localKey(self, args, null));
        }
        if (!purgePaths.isEmpty()) {
            io.cacheweaver.runtime.http.HttpLayer.purgeInstalled(java.util.List.of(), PurgePaths.render(purgePaths, self, args));
        }
    }
}
