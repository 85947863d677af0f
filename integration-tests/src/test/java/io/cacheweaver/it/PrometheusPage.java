package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A /metrics page parsed strictly as Prometheus text format 0.0.4: every line is a HELP, a TYPE
 * or a valid sample of the family declared just before it; anything else fails the test.
 */
final class PrometheusPage {
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})? "
                    + "(-?[0-9][0-9.eE+-]*|\\+Inf|-Inf|NaN)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)");

    final String text;
    final String contentType;
    /** family name → type */
    final Map<String, String> types = new LinkedHashMap<>();
    final Map<String, String> help = new HashMap<>();
    /** series (name and labels, labels sorted) → value */
    final Map<String, Double> samples = new LinkedHashMap<>();

    private PrometheusPage(String text, String contentType) {
        this.text = text;
        this.contentType = contentType;
        String family = null;
        for (String line : text.split("\n")) {
            Matcher comment = COMMENT.matcher(line);
            if (comment.matches()) {
                if (comment.group(1).equals("HELP")) {
                    assertTrue(help.put(comment.group(2), comment.group(3)) == null, "HELP twice: " + line);
                    family = comment.group(2);
                } else {
                    assertEquals(family, comment.group(2), "TYPE right after its HELP: " + line);
                    assertTrue(List.of("counter", "gauge", "histogram").contains(comment.group(3)), line);
                    types.put(comment.group(2), comment.group(3));
                }
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                fail("not a valid sample line: \"" + line + "\"\n" + text);
            }
            String name = sample.group(1);
            assertTrue(family != null && types.containsKey(family), "sample before its family's TYPE: " + line);
            boolean ofFamily = name.equals(family) || types.get(family).equals("histogram")
                    && (name.equals(family + "_bucket") || name.equals(family + "_sum") || name.equals(family + "_count"));
            assertTrue(ofFamily, "sample " + name + " inside family " + family);
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            String key = series(name, labels);
            assertTrue(samples.put(key, Double.parseDouble(sample.group(3).replace("+Inf", "Infinity"))) == null,
                    "series twice: " + key);
        }
        for (String name : types.keySet()) {
            assertTrue(help.containsKey(name), "HELP for " + name);
        }
    }

    static PrometheusPage scrape(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return new PrometheusPage(response.body(), response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot scrape port " + port + ": " + e, e);
        }
    }

    /** {@code name{a="x",b="y"}}, labels given as name, value, ... in any order. */
    static String series(String name, String... labels) {
        Map<String, String> sorted = new TreeMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            sorted.put(labels[i], labels[i + 1]);
        }
        return series(name, sorted);
    }

    private static String series(String name, Map<String, String> labels) {
        List<String> parts = new ArrayList<>();
        labels.forEach((k, v) -> parts.add(k + "=\"" + v + "\""));
        return name + "{" + String.join(",", parts) + "}";
    }

    double value(String name, String... labels) {
        Double value = samples.get(series(name, labels));
        if (value == null) {
            fail("no series " + series(name, labels) + " in\n" + text);
        }
        return value;
    }

    /** The bucket values of one histogram series, in page order (ascending le, +Inf last). */
    List<Double> buckets(String family, String... labels) {
        List<Double> found = new ArrayList<>();
        for (Map.Entry<String, Double> sample : samples.entrySet()) {
            if (sample.getKey().startsWith(family + "_bucket{")) {
                boolean matches = true;
                for (int i = 0; i + 1 < labels.length; i += 2) {
                    matches &= sample.getKey().contains(labels[i] + "=\"" + labels[i + 1] + "\"");
                }
                if (matches) {
                    found.add(sample.getValue());
                }
            }
        }
        return found;
    }

    /** Port of the endpoint, from the agent's log line. */
    static int portFrom(String output) {
        Matcher m = Pattern.compile("Prometheus endpoint at http://[^:]+:(\\d+)/metrics").matcher(output);
        if (!m.find()) {
            fail("no endpoint line in\n" + output);
        }
        return Integer.parseInt(m.group(1));
    }
}
