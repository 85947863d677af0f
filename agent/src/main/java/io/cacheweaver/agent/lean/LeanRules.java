package io.cacheweaver.agent.lean;

import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.RulesFile;

/**
 * Whether the lean weaver can weave a whole rules file at startup, so that Byte Buddy is never
 * loaded unless a reload, an attach or an unusual class needs it. What it does not do: subtypes
 * ({@code Type+}, which need the class's supertypes to match). {@code http:} rules do not matter
 * here: the HTTP layer weaves the servers with ASM of its own ({@code agent/http/LeanServerWeaving}),
 * whichever weaver runs.
 */
public final class LeanRules {
    private LeanRules() {
    }

    /** Why the lean weaver cannot weave {@code rules}, or {@code null} when it can. */
    public static String whyNot(RulesFile rules) {
        for (Rule rule : rules.rules()) {
            if (rule.method().includeSubtypes()) {
                return "rule " + rule.id() + " names subtypes (" + rule.method().text() + ")";
            }
        }
        return null;
    }
}
