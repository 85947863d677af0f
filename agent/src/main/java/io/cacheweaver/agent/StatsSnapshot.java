package io.cacheweaver.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/**
 * One reading of a JVM's Cache and Rule MBeans, as the {@code stats} command prints it: a table a
 * person reads, or JSON for scripts. Attributes an older agent lacks are left out, not guessed.
 */
record StatsSnapshot(List<Row> caches, List<Row> rules) {
    static final String[] CACHE_ATTRIBUTES = {"CacheGets", "CacheHits", "CacheHitPercentage", "LocalSize", "Loads",
            "AverageLoadTime", "LoadTimeP99", "RemoteErrors", "RemoteTimeP99"};
    static final String[] RULE_ATTRIBUTES = {"Invocations", "CacheHits", "CacheMisses", "Loads", "AverageLoadTime",
            "LoadTimeP99", "ShadowHits", "ShadowMismatches"};

    /** One MBean: its name ({@code name=} key) and the attributes read, in the order asked. */
    record Row(String name, Map<String, Object> values) {
        Number number(String attribute) {
            return values.get(attribute) instanceof Number n ? n : null;
        }
    }

    static StatsSnapshot read(MBeanServerConnection jmx) throws IOException, JMException {
        return new StatsSnapshot(rows(jmx, "Cache", CACHE_ATTRIBUTES), rows(jmx, "Rule", RULE_ATTRIBUTES));
    }

    boolean isEmpty() {
        return caches.isEmpty() && rules.isEmpty();
    }

    private static List<Row> rows(MBeanServerConnection jmx, String type, String[] attributes) throws IOException, JMException {
        List<Row> rows = new ArrayList<>();
        for (ObjectName name : new TreeSet<>(jmx.queryNames(new ObjectName("io.cacheweaver:type=" + type + ",*"), null))) {
            Map<String, Object> values = new LinkedHashMap<>();
            AttributeList found = jmx.getAttributes(name, attributes);
            for (Object attribute : found) {
                values.put(((Attribute) attribute).getName(), ((Attribute) attribute).getValue());
            }
            String shown = name.getKeyProperty("name");
            rows.add(new Row(shown.startsWith("\"") ? ObjectName.unquote(shown) : shown, values));
        }
        return rows;
    }

    String table() {
        List<String[]> cacheLines = new ArrayList<>();
        cacheLines.add(new String[] {"CACHE", "GETS", "HIT %", "LOCAL SIZE", "LOADS", "AVG LOAD", "P99 LOAD", "P99 REDIS", "REDIS ERRORS"});
        for (Row row : caches) {
            Number gets = row.number("CacheGets");
            Number hitPercent = gets != null && gets.longValue() == 0 ? null : row.number("CacheHitPercentage");
            cacheLines.add(new String[] {row.name(), count(gets), percent(hitPercent),
                    count(row.number("LocalSize")), count(row.number("Loads")), micros(row.number("AverageLoadTime")),
                    micros(row.number("LoadTimeP99")), micros(row.number("RemoteTimeP99")), count(row.number("RemoteErrors"))});
        }
        List<String[]> ruleLines = new ArrayList<>();
        ruleLines.add(new String[] {"RULE", "CALLS", "HIT %", "LOADS", "AVG LOAD", "P99 LOAD", "SHADOW HITS", "MISMATCHES"});
        for (Row row : rules) {
            ruleLines.add(new String[] {row.name(), count(row.number("Invocations")), percent(hitPercent(row)),
                    count(row.number("Loads")), micros(row.number("AverageLoadTime")), micros(row.number("LoadTimeP99")),
                    count(row.number("ShadowHits")), count(row.number("ShadowMismatches"))});
        }
        return align(cacheLines) + "\n" + align(ruleLines);
    }

    String json() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.set("caches", json(mapper, caches, "cache"));
        root.set("rules", json(mapper, rules, "rule"));
        return root.toString();
    }

    private static ArrayNode json(ObjectMapper mapper, List<Row> rows, String key) {
        ArrayNode array = mapper.createArrayNode();
        for (Row row : rows) {
            ObjectNode node = array.addObject();
            node.put(key, row.name());
            row.values().forEach((attribute, value) -> node.set(lowerFirst(attribute), mapper.valueToTree(value)));
            if (key.equals("rule")) {
                Number hit = hitPercent(row);
                node.put("hitPercentage", hit == null ? 0 : hit.doubleValue()); // 0 before the first get, as JMX CacheHitPercentage
            }
        }
        return array;
    }

    /** Of the calls that consulted the cache; null when there were none (put and evict rules never consult it). */
    private static Number hitPercent(Row row) {
        Number hits = row.number("CacheHits");
        Number misses = row.number("CacheMisses");
        if (hits == null || misses == null) {
            return null;
        }
        long gets = hits.longValue() + misses.longValue();
        return gets == 0 ? null : 100.0 * hits.longValue() / gets;
    }

    private static String lowerFirst(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String count(Number n) {
        return n == null ? "-" : String.valueOf(n.longValue());
    }

    private static String percent(Number n) {
        return n == null ? "-" : String.format(Locale.ROOT, "%.1f", n.doubleValue());
    }

    /** Microseconds as a person reads them: 850 µs, 12.3 ms, 2.1 s. */
    static String micros(Number n) {
        if (n == null) {
            return "-";
        }
        double us = n.doubleValue();
        if (us == 0) {
            return "-"; // nothing measured yet (or no Redis layer)
        }
        if (us < 1_000) {
            return String.format(Locale.ROOT, "%.0f us", us);
        }
        if (us < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", us / 1_000);
        }
        return String.format(Locale.ROOT, "%.2f s", us / 1_000_000);
    }

    /** First column left-aligned, numbers right-aligned. */
    private static String align(List<String[]> lines) {
        int columns = lines.get(0).length;
        int[] width = new int[columns];
        for (String[] line : lines) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            for (int i = 0; i < columns; i++) {
                String cell = line[i];
                String pad = " ".repeat(width[i] - cell.length());
                out.append(i == 0 ? cell + pad : "  " + pad + cell);
            }
            out.append('\n');
        }
        return out.toString();
    }
}
