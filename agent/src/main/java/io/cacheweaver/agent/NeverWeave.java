package io.cacheweaver.agent;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The packages the agent never weaves, whatever the rules say: the JDK (weaving it could recurse
 * into the agent's own calls or break the JVM), Byte Buddy and cacheweaver itself. One list for
 * the weaver, the retransformation at startup and {@code validate}, so that validate never lists
 * a method the agent will leave alone.
 */
final class NeverWeave {
    static final List<String> PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "net.bytebuddy.",
            "io.cacheweaver.");

    private NeverWeave() {
    }

    /** True when {@code className} (binary name) is in one of the never-woven packages. */
    static boolean covers(String className) {
        for (String prefix : PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #covers} as a Byte Buddy type matcher. */
    static ElementMatcher.Junction<TypeDescription> matcher() {
        ElementMatcher.Junction<TypeDescription> matcher = nameStartsWith(PREFIXES.get(0));
        for (String prefix : PREFIXES.subList(1, PREFIXES.size())) {
            matcher = matcher.or(nameStartsWith(prefix));
        }
        return matcher;
    }

    /** For messages: {@code java., javax., ...}. */
    static String describe() {
        return String.join(", ", PREFIXES);
    }
}
