package io.cacheweaver.runtime;

import io.cacheweaver.rules.Action;
import io.cacheweaver.rules.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What makes two rules the same rule as far as bytecode is concerned: its id, the methods its
 * selector names, and whether its advice may skip the body (cache, write-behind) or only observes the call
 * (put, evict). The one definition, used by the weaver to tell which classes a reload must
 * retransform and by the {@link SiteTable} to key sites and to tell whether a site still serves
 * a reloaded rule. Anything else about a rule (cache, key, TTL, conditions) is swapped in at
 * run time without touching bytecode.
 */
public record WeaveKey(String ruleId, String selector, boolean skipsBody, boolean replacesArguments) {
    public WeaveKey(String ruleId, String selector, boolean skipsBody) {
        this(ruleId, selector, skipsBody, false);
    }

    /** {@code replacesArguments}: a batch cache rule, whose advice runs the body with only the missing elements. */
    public static WeaveKey of(Rule rule) {
        return new WeaveKey(rule.id(), rule.method().text(), rule.action() == Action.CACHE
                || rule.action() == Action.WRITE_BEHIND, rule.action() == Action.CACHE && rule.isBatch());
    }

    // equals and hashCode written out: the generated ones bootstrap java.lang.runtime.ObjectMethods,
    // ≈ 80 method handle classes and ≈ 80 ms of a start on two cores (issue 17); sites are keyed by this at startup

    @Override
    public boolean equals(Object other) {
        return other instanceof WeaveKey that && skipsBody == that.skipsBody && replacesArguments == that.replacesArguments
                && Objects.equals(ruleId, that.ruleId) && Objects.equals(selector, that.selector);
    }

    @Override
    public int hashCode() {
        return (31 * Objects.hashCode(ruleId) + Objects.hashCode(selector)) * 4 + (skipsBody ? 2 : 0) + (replacesArguments ? 1 : 0);
    }

    /** In rule order: the weaver installs one transformer per rule, in this order. */
    public static List<WeaveKey> of(List<Rule> rules) {
        List<WeaveKey> keys = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            keys.add(of(rule));
        }
        return List.copyOf(keys);
    }
}
