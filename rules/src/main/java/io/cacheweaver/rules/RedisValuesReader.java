package io.cacheweaver.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** The value keys of the {@code redis:} section: {@code types}, {@code compress}, {@code maxValueSize}. */
final class RedisValuesReader {
    static final List<String> KEYS = List.of("types", "compress", "maxValueSize");
    private static final List<String> COMPRESS_KEYS = List.of("above", "codec");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,10})\\s*(B|KB|MB)?", Pattern.CASE_INSENSITIVE);
    private static final String SIZE_RULE = "expected a size such as 512B, 2KB or 1MB (at most 512MB)";

    private final NodeReader reader;

    RedisValuesReader(NodeReader reader) {
        this.reader = reader;
    }

    RedisValues read(YamlMapping map) {
        List<String> types = map.has("types") ? types(map.value("types"), map.path("types")) : List.of();
        int above = 0;
        String codec = RedisValues.DEFAULTS.codec();
        if (map.has("compress")) {
            YamlMapping compress = reader.mapping(map.value("compress"), map.path("compress"), COMPRESS_KEYS);
            above = RedisValues.DEFAULT_COMPRESS_ABOVE;
            if (compress.has("above")) {
                Integer size = size(compress.value("above"), compress.path("above"));
                above = size == null ? above : size;
            }
            if (compress.has("codec")) {
                String text = reader.text(compress.value("codec"), compress.path("codec"));
                if (text != null && !RedisValues.CODECS.contains(text.trim().toLowerCase(Locale.ROOT))) {
                    reader.problems().at(compress.value("codec"), compress.path("codec"), "unknown codec \"" + text
                            + "\"; expected one of " + String.join(", ", RedisValues.CODECS));
                } else if (text != null) {
                    codec = text.trim().toLowerCase(Locale.ROOT);
                }
            }
        }
        int max = 0;
        if (map.has("maxValueSize")) {
            Integer size = size(map.value("maxValueSize"), map.path("maxValueSize"));
            max = size == null ? 0 : size;
        }
        return new RedisValues(types, above, codec, max);
    }

    /** Class patterns, each checked as the class part of a selector. */
    private List<String> types(Node node, String path) {
        List<Node> items = reader.sequence(node, path);
        List<String> types = new ArrayList<>();
        if (items == null) {
            return types;
        }
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            String text = reader.text(items.get(i), itemPath);
            if (text == null) {
                continue;
            }
            String pattern = text.trim();
            boolean valid;
            try {
                valid = !pattern.isEmpty() && !SelectorParser.parse(pattern + "#x").includeSubtypes();
            } catch (SelectorParser.SelectorException e) {
                valid = false;
            }
            if (valid) {
                types.add(pattern);
            } else {
                reader.problems().at(items.get(i), itemPath, "invalid class pattern \"" + pattern + "\"; expected a class name"
                        + " or a pattern in selector syntax ('*' within a package segment, '..' any number of packages),"
                        + " e.g. com.shop..* or org.springframework.data.domain.PageImpl");
            }
        }
        return types;
    }

    /** A positive size in bytes, at most 512MB. */
    private Integer size(Node node, String path) {
        String text = reader.text(node, path);
        if (text == null) {
            return null;
        }
        Matcher m = SIZE.matcher(text.trim());
        if (m.matches()) {
            long value = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
            value *= unit.equals("MB") ? 1 << 20 : unit.equals("KB") ? 1 << 10 : 1;
            if (value > 0 && value <= 512L << 20) {
                return (int) value;
            }
        }
        reader.problems().at(node, path, "invalid size \"" + text + "\"; " + SIZE_RULE);
        return null;
    }
}
