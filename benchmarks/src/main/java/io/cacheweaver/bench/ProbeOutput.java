package io.cacheweaver.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading what the suite's child programs print: the probes' {@code summary key=value ...} lines
 * and numbers as they print them (with thousands separators). Shared by {@link ProbeRuns} and
 * {@link DemoLoadComparison}, which both judge their goals from such text.
 */
final class ProbeOutput {
    private ProbeOutput() {
    }

    static Map<String, String> keyValues(String line) {
        Map<String, String> map = new LinkedHashMap<>();
        if (line != null) {
            for (String token : line.split("\\s+")) {
                int eq = token.indexOf('=');
                if (eq > 0) {
                    map.put(token.substring(0, eq), token.substring(eq + 1));
                }
            }
        }
        return map;
    }

    static double number(String s) {
        try {
            return Double.parseDouble(s.replace(",", ""));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
