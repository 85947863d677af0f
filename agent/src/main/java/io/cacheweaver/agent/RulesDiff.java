package io.cacheweaver.agent;

import io.cacheweaver.rules.Rule;
import io.cacheweaver.runtime.WeaveKey;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reload changes in what is woven, for the debug output: the weave targets (rule id,
 * selector, advice kind; see {@link WeaveKey}) that appear and disappear, and the rules
 * that keep theirs and are therefore updated in place, without retransforming a class.
 */
record RulesDiff(List<String> added, List<String> removed, List<String> inPlace) {

    static RulesDiff between(List<Rule> previous, List<Rule> next) {
        List<WeaveKey> before = WeaveKey.of(previous);
        List<WeaveKey> after = WeaveKey.of(next);
        List<String> added = new ArrayList<>();
        List<String> inPlace = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            (before.contains(after.get(i)) ? inPlace : added).add(next.get(i).id() + " (" + next.get(i).method().text() + ")");
        }
        List<String> removed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!after.contains(before.get(i))) {
                removed.add(previous.get(i).id() + " (" + previous.get(i).method().text() + ")");
            }
        }
        return new RulesDiff(added, removed, inPlace);
    }

    @Override
    public String toString() {
        return "targets added: " + orNone(added) + "; targets removed: " + orNone(removed)
                + "; rules kept on their targets (updated in place): " + orNone(inPlace);
    }

    private static String orNone(List<String> items) {
        return items.isEmpty() ? "none" : String.join(", ", items);
    }
}
