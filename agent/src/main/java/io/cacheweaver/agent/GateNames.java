package io.cacheweaver.agent;

import io.cacheweaver.rules.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The class names the startup gate holds until the weaver exists: those some method selector's
 * class pattern matches, or every class when a selector names subtypes ({@code Type+}, decided
 * by supertypes, which a name does not tell), and with {@code http:} rules the HTTP layer's server
 * classes. JDK types only: the gate is built in premain, where no Byte Buddy class may load (the
 * rules' {@link RuleTarget}s describe Byte Buddy types).
 */
final class GateNames {
    private final List<Pattern> classes;
    /** Per pattern, the literal start every name it matches has, as an internal name ({@code com/shop/}). */
    private final List<String> internalPrefixes;
    private final boolean everyClass;
    private final boolean servers;

    private GateNames(List<Pattern> classes, List<String> internalPrefixes, boolean everyClass, boolean servers) {
        this.classes = List.copyOf(classes);
        this.internalPrefixes = List.copyOf(internalPrefixes);
        this.everyClass = everyClass;
        this.servers = servers;
    }

    static GateNames of(List<Rule> rules, boolean servers) {
        List<Pattern> classes = new ArrayList<>(rules.size());
        List<String> prefixes = new ArrayList<>(rules.size());
        boolean everyClass = false;
        for (Rule rule : rules) {
            classes.add(rule.method().classRegex());
            prefixes.add(literalStart(rule.method().classPattern()).replace('.', '/'));
            everyClass |= rule.method().includeSubtypes();
        }
        return new GateNames(classes, prefixes, everyClass, servers);
    }

    /** {@code com.shop..*Dao} → {@code com.shop}: what precedes the first {@code *} or {@code ..}. */
    private static String literalStart(String classPattern) {
        int star = classPattern.indexOf('*');
        int dots = classPattern.indexOf("..");
        int end = star < 0 ? dots : dots < 0 ? star : Math.min(star, dots);
        return end < 0 ? classPattern : classPattern.substring(0, end);
    }

    /**
     * Whether a class of this internal name ({@code com/shop/Dao}) may have to wait for the weaver.
     * Asked for every class the application loads (ten thousand in a Spring Boot start): a class no
     * pattern's literal start fits is answered without a string copy or a regex.
     */
    boolean mayMatchInternal(String internalName) {
        if (everyClass) {
            return !NeverWeave.covers(internalName.replace('/', '.'));
        }
        String name = null;
        for (int i = 0; i < classes.size(); i++) {
            if (internalName.startsWith(internalPrefixes.get(i))) {
                if (name == null) {
                    name = internalName.replace('/', '.');
                    if (NeverWeave.covers(name)) {
                        return false;
                    }
                }
                if (classes.get(i).matcher(name).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the HTTP layer's server classes wait too. */
    boolean holdsServers() {
        return servers;
    }
}
