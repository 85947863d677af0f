package io.cacheweaver.runtime.settings;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent argument string, {@code key=value} pairs separated by {@code ,}, checked: a pair
 * without a key or without {@code =}, an unknown key, a key given twice each become one problem
 * that says what was probably meant, instead of being dropped in silence.
 *
 * @param values   the well-formed pairs with known keys, by key (the last one of a key given twice)
 * @param problems one line each, ready to log
 */
record AgentArguments(Map<String, String> values, List<String> problems) {
    /** Not a setting: the attach command names the file the target writes its outcome to. */
    static final String REPORT = "report";

    static AgentArguments parse(String text, Collection<String> knownKeys) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new java.util.ArrayList<>();
        if (text == null || text.isBlank()) {
            return new AgentArguments(values, problems);
        }
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue; // a trailing or doubled comma: nothing was meant
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair.trim() : pair.substring(0, eq).trim();
            String value = eq < 0 ? null : pair.substring(eq + 1);
            if (key.isEmpty()) {
                problems.add("agent argument '" + pair + "' has no key; " + guess(value.trim(), knownKeys));
            } else if (value == null && knownKeys.contains(key)) {
                problems.add("agent argument '" + pair + "' has no value; expected " + key + "=VALUE");
            } else if (value == null) {
                problems.add("agent argument '" + pair + "' is not key=value; " + guess(key, knownKeys));
            } else if (!knownKeys.contains(key)) {
                String near = nearest(key, knownKeys);
                problems.add("unknown agent argument '" + key + "' (in '" + pair + "'); "
                        + (near == null ? "" : "did you mean " + near + "? ") + "known keys: " + list(knownKeys));
            } else if (values.put(key, value) != null) {
                problems.add("agent argument '" + key + "' is given twice; the last one counts: '" + pair + "'");
            }
        }
        return new AgentArguments(values, List.copyOf(problems));
    }

    /** A bare file name was most likely meant as the rules file. */
    private static String guess(String value, Collection<String> knownKeys) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return "did you mean rules=" + value + "?";
        }
        return "expected key=value with a key among: " + list(knownKeys);
    }

    /** The keys an operator types; the many redis.* tuning knobs as one entry. */
    private static String list(Collection<String> knownKeys) {
        java.util.StringJoiner joiner = new java.util.StringJoiner(", ");
        for (String key : knownKeys) {
            if (!key.startsWith("redis.") && !key.equals(REPORT)) {
                joiner.add(key);
            }
        }
        return joiner.add("redis.* (docs/operations.md lists them all)").toString();
    }

    /** The known key within two edits of {@code key} (typos such as degub, rule, jmx.readonly), or null. */
    static String nearest(String key, Collection<String> knownKeys) {
        String best = null;
        int bestDistance = 3;
        for (String known : knownKeys) {
            int distance = distance(key.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein distance, with a swap of two neighbours counting as one edit. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
