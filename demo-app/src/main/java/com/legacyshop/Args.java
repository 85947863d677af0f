package com.legacyshop;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value}, {@code --name=value} and {@code --flag} command lines; anything else is an error. */
final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private Args() {
    }

    /**
     * @param valued options that take a value, without the leading dashes
     * @param switches options that stand alone
     * @throws IllegalArgumentException naming the offending argument
     */
    static Args parse(String[] argv, List<String> valued, List<String> switches) {
        Args args = new Args();
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (switches.contains(name) && value == null) {
                args.flags.add(name);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.length) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = argv[++i];
                }
                args.values.put(name, value);
            } else {
                throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        return args;
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int getInt(String name, int fallback, int min, int max) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a whole number from " + min + " to " + max + ", not \"" + value + "\"");
    }
}
