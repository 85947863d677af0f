package io.cacheweaver.runtime;

import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.expr.Node;

/**
 * {@code action: evict}: remove one key (or every entry) after a normal return, or before the
 * call with {@code before: true} — then also when the method throws.
 */
final class EvictHandler extends SiteHandler {
    private final TieredCache cache; // null for a rule that only evicts tags
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
            evict(self, args, null);
            return null;
        }
        return new Call(this, self, args);
    }

    @Override
    void exit(Object token, Object result, Throwable thrown) {
        if (thrown == null) {
            Call call = (Call) token;
            evict(call.self, call.args, result);
        }
    }

    private void evict(Object self, Object[] args, Object result) {
        counters.writes.increment();
        String[] evictedTags = tagsOf(self, args, result); // rendered before anything changes: a failure evicts nothing
        if (cache == null) {
            // tags only
        } else if (key == null) {
            cache.evictAll();
        } else {
            cache.evict(key.localKey(self, args, null));
        }
        if (evictedTags != null && tagInvalidation != null) {
            tagInvalidation.evict(evictedTags);
            counters.tagEvictions.add(evictedTags.length);
        }
        if (!purgePaths.isEmpty() || evictedTags != null) {
            // the CDN gets the same tags (Surrogate-Key / Cache-Tag) and the rule's purge paths, in one POST
            io.cacheweaver.runtime.http.HttpLayer.purgeInstalled(evictedTags == null ? java.util.List.of() : java.util.List.of(evictedTags),
                    purgePaths.isEmpty() ? java.util.List.of() : PurgePaths.render(purgePaths, self, args));
        }
    }
}
