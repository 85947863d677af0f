package io.cacheweaver.runtime.jmx;

import io.cacheweaver.rules.Rule;
import io.cacheweaver.runtime.CacheRuntime;
import io.cacheweaver.runtime.Site;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The sites the current rules drive. Sites are never removed from the runtime (their ids are baked
 * into bytecode), so a site of a removed or re-targeted rule must not count for the new rules.
 */
final class ActiveSites {
    private ActiveSites() {
    }

    static List<Site> ofRule(CacheRuntime runtime, String ruleId) {
        Rule rule = rule(runtime, ruleId);
        List<Site> found = new ArrayList<>();
        if (rule != null) {
            for (Site site : runtime.sites()) {
                if (site.serves(rule)) {
                    found.add(site);
                }
            }
        }
        return found;
    }

    static List<Site> ofCache(CacheRuntime runtime, String cache) {
        List<Site> found = new ArrayList<>();
        List<Site> all = runtime.sites();
        for (Rule rule : runtime.rules().rules()) {
            if (cache.equals(rule.cache())) {
                for (Site site : all) {
                    if (site.serves(rule)) {
                        found.add(site);
                    }
                }
            }
        }
        return found;
    }

    /** Distinct methods woven by some current rule, as {@code class#method(types)}. */
    static Set<String> methods(CacheRuntime runtime) {
        Set<String> methods = new LinkedHashSet<>();
        for (Rule rule : runtime.rules().rules()) {
            for (Site site : ofRule(runtime, rule.id())) {
                methods.add(site.shape().display());
            }
        }
        return methods;
    }

    private static Rule rule(CacheRuntime runtime, String ruleId) {
        for (Rule rule : runtime.rules().rules()) {
            if (rule.id().equals(ruleId)) {
                return rule;
            }
        }
        return null;
    }
}
