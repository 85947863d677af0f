package io.cacheweaver.agent;

import java.util.Locale;
import java.util.function.Function;

/**
 * The agent's own settings (the settings table of docs/getting-started.md), each from the agent argument, else the system
 * property {@code cacheweaver.<key>}, else the environment variable {@code CACHEWEAVER_<KEY>}.
 *
 * @param rules   path of the rules file, or {@code null} when none was given
 * @param enabled {@code false}: the agent does nothing at all
 * @param strict  an invalid rules file stops startup instead of running uncached
 * @param debug   extra diagnostics on stderr (still never values or passwords)
 */
public record AgentSettings(String rules, boolean enabled, boolean strict, boolean debug) {

    public static AgentSettings resolve(String agentArgs) {
        return resolve(agentArgs, System::getProperty, System::getenv);
    }

    static AgentSettings resolve(String agentArgs, Function<String, String> properties, Function<String, String> environment) {
        Function<String, String> lookup = key -> {
            String fromArgs = fromArgs(agentArgs, key);
            if (fromArgs != null) {
                return fromArgs;
            }
            String property = properties.apply("cacheweaver." + key);
            return property != null ? property : environment.apply("CACHEWEAVER_" + key.toUpperCase(Locale.ROOT));
        };
        String rules = lookup.apply("rules");
        return new AgentSettings(rules == null || rules.isBlank() ? null : rules.trim(),
                !"false".equalsIgnoreCase(trim(lookup.apply("enabled"))),
                "true".equalsIgnoreCase(trim(lookup.apply("strict"))),
                "true".equalsIgnoreCase(trim(lookup.apply("debug"))));
    }

    private static String fromArgs(String agentArgs, String key) {
        if (agentArgs == null) {
            return null;
        }
        for (String pair : agentArgs.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(key)) {
                return pair.substring(eq + 1);
            }
        }
        return null;
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
