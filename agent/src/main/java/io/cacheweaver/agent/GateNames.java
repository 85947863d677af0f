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
    private final boolean everyClass;
    private final boolean servers;

    private GateNames(List<Pattern> classes, boolean everyClass, boolean servers) {
        this.classes = List.copyOf(classes);
        this.everyClass = everyClass;
        this.servers = servers;
    }

    static GateNames of(List<Rule> rules, boolean servers) {
        List<Pattern> classes = new ArrayList<>(rules.size());
        boolean everyClass = false;
        for (Rule rule : rules) {
            classes.add(rule.method().classRegex());
            everyClass |= rule.method().includeSubtypes();
        }
        return new GateNames(classes, everyClass, servers);
    }

    /** Whether a class of this name (binary, with dots) may have to wait for the weaver. */
    boolean mayMatch(String className) {
        if (everyClass) {
            return true;
        }
        for (Pattern pattern : classes) {
            if (pattern.matcher(className).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the HTTP layer's server classes wait too. */
    boolean holdsServers() {
        return servers;
    }
}
