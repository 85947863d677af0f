package io.cacheweaver.runtime;

import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.runtime.remote.RemoteLayer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Builds the caches a rules file declares, keeping what a reload need not throw away. */
final class CacheDirectory {
    private CacheDirectory() {
    }

    static Map<String, TieredCache> build(RulesFile rules, RemoteLayer remote) {
        return rebuild(rules, Map.of(), remote, Set.of());
    }

    static Map<String, TieredCache> build(RulesFile rules, RemoteLayer remote, TagClock tagClock) {
        return rebuild(rules, Map.of(), remote, Set.of(), tagClock);
    }

    static Map<String, TieredCache> rebuild(RulesFile rules, Map<String, TieredCache> previous, RemoteLayer remote,
                                           Set<String> rekeyed) {
        return rebuild(rules, previous, remote, rekeyed, new TagClock());
    }

    /**
     * Keeps a cache's entries across a reload when its settings did not change and no rule writes
     * it differently ({@code rekeyed}): entries written under an old key or value template must not
     * be served under the new one. In-flight loads finish into the discarded instance.
     */
    static Map<String, TieredCache> rebuild(RulesFile rules, Map<String, TieredCache> previous, RemoteLayer remote,
                                           Set<String> rekeyed, TagClock tagClock) {
        Map<String, TieredCache> built = new LinkedHashMap<>();
        for (CacheSpec spec : rules.caches().values()) {
            TieredCache old = previous.get(spec.name());
            built.put(spec.name(), old != null && old.spec().equals(spec) && !rekeyed.contains(spec.name()) ? old : new TieredCache(spec, remote, tagClock));
        }
        return Map.copyOf(built);
    }
}
