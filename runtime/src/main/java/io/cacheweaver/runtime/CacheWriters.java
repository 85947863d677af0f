package io.cacheweaver.runtime;

import io.cacheweaver.rules.Action;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.RulesFile;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which caches a kept rule (same id before and after a reload) now writes differently: another
 * key or value template, method or action. Their local entries were stored under keys or values
 * the new rule would not produce, so a reload starts them empty instead of serving them. Added
 * or removed rules do not clear anything: entries they wrote stay valid under the others.
 */
final class CacheWriters {
    private CacheWriters() {
    }

    /** One writing rule's part in what a cache holds. */
    private record Writer(String selector, Action action, String cache, String key, String value, String tags) {
        static Writer of(Rule rule) {
            return new Writer(rule.method().text(), rule.action(), rule.cache(),
                    rule.key() == null ? null : rule.key().text(), rule.value() == null ? null : rule.value().text(),
                    rule.tags().stream().map(t -> t.text()).toList().toString()); // entries carry the tags they were stored with
        }
    }

    static Set<String> changed(RulesFile before, RulesFile after) {
        Map<String, Rule> old = new HashMap<>();
        for (Rule rule : before.rules()) {
            old.put(rule.id(), rule);
        }
        Set<String> changed = new HashSet<>();
        for (Rule rule : after.rules()) {
            Rule previous = old.get(rule.id());
            if (previous == null || (rule.action() == Action.EVICT && previous.action() == Action.EVICT)) {
                continue; // evict rules remove entries, they never shape them
            }
            if (!Writer.of(rule).equals(Writer.of(previous))) {
                changed.add(rule.cache());
                changed.add(previous.cache());
            }
        }
        return changed;
    }
}
