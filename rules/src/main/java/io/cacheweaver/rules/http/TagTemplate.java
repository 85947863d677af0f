package io.cacheweaver.rules.http;

import java.util.ArrayList;
import java.util.List;

/**
 * A tag of an {@code http:} rule, e.g. {@code "product:{path[1]}"}: text with {@code {path[N]}}
 * placeholders, N being a 0-based segment of the request path. A placeholder past the end of the
 * path renders empty. Rendered values are made safe for both tag headers (space separates
 * Surrogate-Key tags, comma separates Cache-Tag tags): those characters are percent-encoded.
 */
public final class TagTemplate {
    private final String text;
    private final List<Object> parts; // String literals and Integer segment indexes

    private TagTemplate(String text, List<Object> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /** Throws {@link IllegalArgumentException} naming the offset of the problem in the message. */
    public static TagTemplate parse(String text) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        StringBuilder literal = new StringBuilder();
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{') {
                int close = text.indexOf('}', i);
                String inside = close < 0 ? "" : text.substring(i + 1, close);
                if (close < 0 || !inside.matches("path\\[\\d{1,3}]")) {
                    throw new IllegalArgumentException("at offset " + i + ": expected {path[N]} (N: a 0-based segment of the"
                            + " request path), found \"" + text.substring(i, close < 0 ? text.length() : close + 1) + "\"");
                }
                if (literal.length() > 0) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(Integer.parseInt(inside.substring(5, inside.length() - 1)));
                i = close + 1;
            } else if (c == ' ' || c == ',' || c == '}' || c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("at offset " + i + ": a tag may not contain spaces, commas, braces or"
                        + " characters outside printable ASCII (Surrogate-Key and Cache-Tag separate tags with them)");
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("at offset 0: a tag must not be empty");
        }
        return new TagTemplate(text, parts);
    }

    /** The tag for a request path split into segments ({@link PathGlob#split}). */
    public String render(List<String> segments) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Integer index) {
                if (index < segments.size()) {
                    appendSafe(out, segments.get(index));
                }
            } else {
                out.append(part);
            }
        }
        return out.toString();
    }

    private static void appendSafe(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c == ',' || c == '%' || c >= 0x7f) {
                for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            } else {
                out.append(c);
            }
        }
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TagTemplate that && that.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
