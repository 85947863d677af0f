package io.cacheweaver.runtime.redis;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import io.cacheweaver.rules.MethodSelector;
import io.cacheweaver.rules.SelectorParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The classes whose names may be recorded in a stored value and trusted on read: the
 * {@code redis.types} patterns, plus a fixed set of JDK value and collection classes that have no
 * behaviour beyond holding data (so a method declared to return {@code Object} can return a
 * {@code Long} or a {@code LocalDate}). A name is checked as text before any class is loaded, so a
 * class outside the list is never loaded, let alone instantiated; Jackson then also checks that it
 * is assignable to the declared type at that position.
 */
final class TypeAllowList extends PolymorphicTypeValidator.Base {
    private static final long serialVersionUID = 1L;
    static final Set<String> JDK_VALUES = Set.of("java.lang.String", "java.lang.Boolean", "java.lang.Byte",
            "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
            "java.lang.Character", "java.math.BigDecimal", "java.math.BigInteger", "java.util.UUID", "java.util.Optional",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.Date");
    private static final Pattern JAVA_TIME = Pattern.compile("java\\.time\\.[A-Z][A-Za-z]*");

    private final List<Pattern> patterns = new ArrayList<>();

    /** Patterns as the rules reader checked them; one that does not parse is skipped (it matches nothing). */
    TypeAllowList(List<String> types) {
        for (String type : types) {
            try {
                MethodSelector selector = SelectorParser.parse(type + "#x");
                patterns.add(selector.classRegex());
            } catch (SelectorParser.SelectorException e) {
                // the rules reader rejected it already
            }
        }
    }

    /** Whether any pattern was given: without one, no class name is ever written or read. */
    boolean configured() {
        return !patterns.isEmpty();
    }

    /** Whether {@code className} (a binary name) may be trusted. */
    boolean allows(String className) {
        if (!configured()) {
            return false;
        }
        if (JDK_VALUES.contains(className) || JAVA_TIME.matcher(className).matches()) {
            return true;
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(className).matches()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Validity validateBaseType(MapperConfig<?> config, JavaType baseType) {
        return Validity.INDETERMINATE;
    }

    @Override
    public Validity validateSubClassName(MapperConfig<?> config, JavaType baseType, String subClassName) {
        return allows(subClassName) ? Validity.ALLOWED : Validity.DENIED;
    }

    @Override
    public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
        return allows(subType.getRawClass().getName()) ? Validity.ALLOWED : Validity.DENIED;
    }

    /** For messages: never a value, only the configured patterns' count. */
    @Override
    public String toString() {
        return "TypeAllowList[" + patterns.size() + " patterns]";
    }
}
