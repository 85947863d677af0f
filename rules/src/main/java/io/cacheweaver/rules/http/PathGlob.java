package io.cacheweaver.rules.http;

import java.util.ArrayList;
import java.util.List;

/**
 * A request path pattern: {@code /products/*}, {@code /static/**}, {@code /img/*.png}. {@code *}
 * matches within one segment, {@code **} (a whole segment) any number of segments, none included.
 * Nothing else is a wildcard: {@link #parse} rejects {@code ? [ ] { }} so that a pattern never
 * means something other than it seems to.
 */
public final class PathGlob {
    private final String text;
    private final List<String> segments;

    private PathGlob(String text, List<String> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
    }

    /** Throws {@link IllegalArgumentException} with a message that says what is allowed. */
    public static PathGlob parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a path must start with /, e.g. /products/*");
        }
        for (char c : text.toCharArray()) {
            if ("?[]{}".indexOf(c) >= 0 || Character.isWhitespace(c)) {
                throw new IllegalArgumentException("\"" + c + "\" is not allowed in a path; the only wildcards are * (within"
                        + " one segment) and ** (a whole segment, any depth)");
            }
        }
        List<String> segments = split(text);
        for (String segment : segments) {
            if (segment.contains("**") && !segment.equals("**")) {
                throw new IllegalArgumentException("** must be a whole segment (/a/**/b), found \"" + segment + "\"");
            }
        }
        return new PathGlob(text, segments);
    }

    /** {@code /products/42} → {@code [products, 42]}; the query string must already be removed. */
    public static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        int start = path.startsWith("/") ? 1 : 0;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            if (end > start || slash >= 0) {
                out.add(path.substring(start, end));
            }
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        return out;
    }

    public boolean matches(List<String> path) {
        return matches(0, path, 0);
    }

    private boolean matches(int p, List<String> path, int s) {
        while (p < segments.size()) {
            String pattern = segments.get(p);
            if (pattern.equals("**")) {
                for (int skip = s; skip <= path.size(); skip++) {
                    if (matches(p + 1, path, skip)) {
                        return true;
                    }
                }
                return false;
            }
            if (s >= path.size() || !segmentMatches(pattern, path.get(s))) {
                return false;
            }
            p++;
            s++;
        }
        return s == path.size();
    }

    /** {@code *} within a segment: any run of characters, none included. */
    static boolean segmentMatches(String pattern, String segment) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equals(segment);
        }
        String head = pattern.substring(0, star);
        if (!segment.startsWith(head)) {
            return false;
        }
        String rest = pattern.substring(star + 1);
        for (int i = head.length(); i <= segment.length(); i++) {
            if (segmentMatches(rest, segment.substring(i))) {
                return true;
            }
        }
        return false;
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathGlob that && that.text.equals(text);
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
