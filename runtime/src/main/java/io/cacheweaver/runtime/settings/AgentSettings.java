package io.cacheweaver.runtime.settings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The value of every {@link Settings} knob, each from the agent argument, else the system
 * property {@code cacheweaver.<key>}, else the environment variable {@code CACHEWEAVER_<KEY>},
 * else its default. Resolved once at startup and passed to whatever needs a knob. A value that
 * is not allowed, an unknown key and a malformed argument each become one line in
 * {@link #problems()}, naming the setting, the value and what is allowed; the default then
 * applies (strict mode turns any problem into a failed startup, see the agent). A system property
 * or environment variable with the prefix but an unknown name is only a {@link #warnings() warning}:
 * that namespace is not the agent's alone (build tools and test harnesses use it too).
 */
public final class AgentSettings {
    private final Map<String, Object> values;
    private final Map<String, String> origins;
    private final Map<String, String> arguments;
    private final List<String> problems;
    private final List<String> warnings;

    private AgentSettings(Map<String, Object> values, Map<String, String> origins, Map<String, String> arguments,
                          List<String> problems, List<String> warnings) {
        this.values = values;
        this.origins = origins;
        this.arguments = arguments;
        this.problems = List.copyOf(problems);
        this.warnings = List.copyOf(warnings);
    }

    public static AgentSettings resolve(String agentArgs) {
        return resolve(agentArgs, withPrefix(System.getProperties()), System.getenv());
    }

    /** Every default, nothing set: for tests and tools. */
    public static AgentSettings defaults() {
        return resolve(null, Map.of(), Map.of());
    }

    public static AgentSettings resolve(String agentArgs, Map<String, String> properties, Map<String, String> environment) {
        List<String> keys = new ArrayList<>();
        Map<String, Setting<?>> byProperty = new HashMap<>();
        Map<String, Setting<?>> byVariable = new HashMap<>();
        for (Setting<?> setting : Settings.all()) {
            keys.add(setting.key());
            byProperty.put(setting.property(), setting);
            byVariable.put(setting.variable(), setting);
        }
        List<String> argumentKeys = new ArrayList<>(keys);
        argumentKeys.add(AgentArguments.REPORT);
        AgentArguments args = AgentArguments.parse(agentArgs, argumentKeys);
        List<String> problems = new ArrayList<>(args.problems());
        Map<String, Object> values = new HashMap<>();
        Map<String, String> origins = new HashMap<>();
        for (Setting<?> setting : Settings.all()) {
            String raw;
            String origin;
            if (args.values().containsKey(setting.key())) {
                raw = args.values().get(setting.key());
                origin = "agent argument " + setting.key() + "=" + raw;
            } else if (properties.containsKey(setting.property())) {
                raw = properties.get(setting.property());
                origin = "system property -D" + setting.property() + "=" + raw;
            } else if (environment.containsKey(setting.variable())) {
                raw = environment.get(setting.variable());
                origin = "environment variable " + setting.variable() + "=" + raw;
            } else {
                values.put(setting.key(), setting.fallback());
                origins.put(setting.key(), "default");
                continue;
            }
            try {
                values.put(setting.key(), setting.parser().apply(raw));
                origins.put(setting.key(), origin);
            } catch (IllegalArgumentException e) {
                problems.add(origin + ": not allowed, expected " + setting.allowed() + "; using the default, " + setting.defaultText());
                values.put(setting.key(), setting.fallback());
                origins.put(setting.key(), "default, since " + origin + " is not allowed");
            }
        }
        List<String> warnings = new ArrayList<>();
        unknownNames(properties, "cacheweaver.", byProperty.keySet(), "system property -D", warnings);
        unknownNames(environment, "CACHEWEAVER_", byVariable.keySet(), "environment variable ", warnings);
        return new AgentSettings(values, origins, args.values(), problems, warnings);
    }

    /** A misspelt property or variable is as silent as a misspelt argument: report it too. */
    private static void unknownNames(Map<String, String> channel, String prefix, java.util.Set<String> known, String what,
                                     List<String> warnings) {
        for (String name : new TreeMap<>(channel).keySet()) {
            if (name.startsWith(prefix) && !known.contains(name)) {
                String near = AgentArguments.nearest(name, known);
                warnings.add("unknown " + what + name + (near == null ? "" : "; did you mean " + (what.endsWith("-D") ? "-D" : "") + near + "?")
                        + " (docs/operations.md lists every setting)");
            }
        }
    }

    private static Map<String, String> withPrefix(Properties properties) {
        Map<String, String> found = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("cacheweaver.")) {
                found.put(name, properties.getProperty(name));
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting.key());
    }

    /** Where the value in force came from, e.g. {@code agent argument enabled=false} or {@code default}. */
    public String origin(Setting<?> setting) {
        return origins.get(setting.key());
    }

    /** The raw agent argument {@code key}, or null: for arguments that are not settings ({@code report}). */
    public String argument(String key) {
        return arguments.get(key);
    }

    /** The attach command's outcome file, or null when the agent was not started by it. */
    public String attachReport() {
        return argument(AgentArguments.REPORT);
    }

    /** Values not allowed and malformed or unknown agent arguments: strict mode stops on these. */
    public List<String> problems() {
        return problems;
    }

    /** Unknown names with the {@code cacheweaver.} / {@code CACHEWEAVER_} prefix, probably misspelt. */
    public List<String> warnings() {
        return warnings;
    }

    /** Every setting that is not at its default, with its origin: the debug line at startup. */
    public String describeNonDefaults() {
        StringJoiner joiner = new StringJoiner(", ");
        for (Setting<?> setting : Settings.all()) {
            if (!origins.get(setting.key()).equals("default")) {
                Object value = values.get(setting.key());
                String shown = value == Setting.OFF ? "off" : value instanceof java.time.Duration d ? Setting.format(d) : String.valueOf(value);
                joiner.add(setting.key() + "=" + shown + " (" + origins.get(setting.key()) + ")");
            }
        }
        return joiner.length() == 0 ? "all defaults" : joiner.toString();
    }
}
