package io.cacheweaver.runtime;

import io.cacheweaver.rules.Action;
import io.cacheweaver.rules.Rule;
import java.util.ArrayList;
import java.util.List;

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

    /** In rule order: the weaver installs one transformer per rule, in this order. */
    public static List<WeaveKey> of(List<Rule> rules) {
        List<WeaveKey> keys = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            keys.add(of(rule));
        }
        return List.copyOf(keys);
    }
}
