package io.cacheweaver.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects the problems of one rules file. Validation never stops at the first problem so that a
 * user fixes everything in one round; identical lines (e.g. a bad default inherited by several
 * caches) are reported once.
 */
final class Problems {
    private final String file;
    private final Set<RuleProblem> problems = new LinkedHashSet<>();
    /** Nodes already reported as unusable (a YAML tag): readers skip them instead of adding noise. */
    private final Set<Node> rejected = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void at(Mark mark, String path, String message) {
        if (mark == null) {
            atStart(path, message);
        } else {
            at(mark.getLine() + 1, mark.getColumn() + 1, path, message);
        }
    }

    void at(Node node, String path, String message) {
        at(node == null ? null : node.getStartMark(), path, message);
    }

    void at(int line, int column, String path, String message) {
        problems.add(new RuleProblem(file, line, column, path, message));
    }

    void atStart(String path, String message) {
        at(1, 1, path, message);
    }

    void reject(Node node) {
        rejected.add(node);
    }

    boolean isRejected(Node node) {
        return node != null && rejected.contains(node);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** In file order; problems at the same spot keep the order they were found in. */
    List<RuleProblem> sorted() {
        List<RuleProblem> list = new ArrayList<>(problems);
        list.sort(Comparator.comparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column));
        return list;
    }

    void throwIfAny() throws RulesException {
        if (!problems.isEmpty()) {
            throw new RulesException(sorted());
        }
    }
}
