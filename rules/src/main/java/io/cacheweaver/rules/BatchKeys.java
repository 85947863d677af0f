package io.cacheweaver.rules;

import io.cacheweaver.rules.expr.Expr;
import io.cacheweaver.rules.expr.Template;
import java.util.List;

/**
 * The batch keys of one rule ({@code each}, {@code resultKey}; rules-v1 §6): what can be checked
 * from the file alone. Whether the parameter really holds a collection and the result has an
 * allowed type is checked against the method when it is woven (and by {@code validate --classpath}).
 */
final class BatchKeys {
    /** The name a batch rule's templates use for one element. */
    static final String ELEMENT = "it";

    private final NodeReader reader;
    private final YamlMapping map;
    private final Action action;
    private final List<String> parameterTypes; // null when the selector allows any parameter list

    BatchKeys(NodeReader reader, YamlMapping map, Action action, List<String> parameterTypes) {
        this.reader = reader;
        this.map = map;
        this.action = action;
        this.parameterTypes = parameterTypes;
    }

    /** The {@code each} parameter (a name, or a position as digits), or {@code null} when absent or broken (reported). */
    String each(boolean allEntries, Template key) {
        if (!map.has("each")) {
            return null;
        }
        String text = reader.text(map.value("each"), map.path("each"));
        if (text == null) {
            return null;
        }
        text = text.trim();
        if (text.isEmpty() || !(text.chars().allMatch(Character::isDigit) || isName(text))) {
            reader.problems().at(map.value("each"), map.path("each"), "invalid each \"" + text
                    + "\"; expected the name or position (0, 1, ...) of the parameter holding a collection or an array");
            return null;
        }
        if (text.chars().allMatch(Character::isDigit) && parameterTypes != null
                && (text.length() > 9 || Integer.parseInt(text) >= parameterTypes.size())) {
            reader.problems().at(map.value("each"), map.path("each"), "each: no parameter at position " + text
                    + "; the method selector has " + parameterTypes.size() + " parameter(s)");
            return null;
        }
        if (allEntries) {
            reader.problems().at(map.keyNode("each"), map.path("each"), "each is not allowed with allEntries: true");
            return null;
        }
        if (key != null && !usesElement(key)) {
            reader.problems().at(map.value("key"), map.path("key"), "with each, key must use the element {" + ELEMENT
                    + "} (for example \"{" + ELEMENT + "}\" or \"{" + ELEMENT + ".id}\"), found \"" + key.text() + "\"");
        }
        return text;
    }

    /** Whether {@code resultKey} is present and allowed (else reported); {@code each} as {@link #each} returned it. */
    boolean resultKey(String each) {
        if (!map.has("resultKey")) {
            return false;
        }
        if (action != Action.CACHE || !map.has("each")) {
            reader.problems().at(map.keyNode("resultKey"), map.path("resultKey"),
                    "resultKey is only allowed with action: cache and each");
            return false;
        }
        return each != null;
    }

    private static boolean usesElement(Template template) {
        for (Expr.Path path : template.paths()) {
            if (path.root() instanceof Expr.Parameter parameter && parameter.name().equals(ELEMENT)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isName(String text) {
        if (!Character.isJavaIdentifierStart(text.charAt(0))) {
            return false;
        }
        return text.chars().allMatch(Character::isJavaIdentifierPart);
    }
}
