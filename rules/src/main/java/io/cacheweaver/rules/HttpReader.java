package io.cacheweaver.rules;

import io.cacheweaver.rules.http.CdnPurge;
import io.cacheweaver.rules.http.HttpRule;
import io.cacheweaver.rules.http.HttpSettings;
import io.cacheweaver.rules.http.PathGlob;
import io.cacheweaver.rules.http.TagTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** The {@code http:} list and the {@code cdn:} section; every problem at its own key. */
final class HttpReader {
    static final List<String> RULE_KEYS = List.of("id", "path", "methods", "cacheControl", "override", "vary", "etag", "tags");
    static final List<String> CDN_KEYS = List.of("purge");
    static final List<String> PURGE_KEYS = List.of("url", "headers", "timeout");
    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    private final NodeReader reader;
    private final Map<String, Node> ids = new HashMap<>();

    HttpReader(NodeReader reader) {
        this.reader = reader;
    }

    HttpSettings read(Node http, Node cdn) {
        List<HttpRule> rules = new ArrayList<>();
        List<Node> items = http == null ? List.of() : reader.sequence(http, "http");
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                HttpRule rule = rule(items.get(i), YamlPath.index("http", i));
                if (rule != null) {
                    rules.add(rule);
                }
            }
        }
        return new HttpSettings(rules, cdn == null ? null : cdn(cdn));
    }

    private HttpRule rule(Node node, String path) {
        if (reader.problems().isRejected(node)) {
            return null;
        }
        if (!(node instanceof MappingNode)) {
            reader.problems().at(node, path, "expected an http rule (a mapping with id and path), found " + NodeReader.describe(node));
            return null;
        }
        YamlMapping map = reader.mapping(node, path, RULE_KEYS);
        String id = reader.required(map, "id");
        if (id != null) {
            Node previous = ids.putIfAbsent(id, map.value("id"));
            if (previous != null) {
                reader.problems().at(map.value("id"), map.path("id"), "duplicate http rule id \"" + id + "\" (first at line "
                        + (previous.getStartMark().getLine() + 1) + ")");
            }
        }
        PathGlob glob = null;
        String pathText = reader.required(map, "path");
        if (pathText != null) {
            try {
                glob = PathGlob.parse(pathText);
            } catch (IllegalArgumentException e) {
                reader.problems().at(map.value("path"), map.path("path"), "invalid path \"" + pathText + "\": " + e.getMessage());
            }
        }
        Set<String> methods = map.has("methods") ? methods(map) : HttpRule.DEFAULT_METHODS;
        String cacheControl = map.has("cacheControl") ? headerValue(map, "cacheControl") : null;
        boolean override = map.has("override") && Boolean.TRUE.equals(reader.bool(map.value("override"), map.path("override")));
        if (override && cacheControl == null && !map.has("cacheControl")) {
            reader.problems().at(map.keyNode("override"), map.path("override"), "override needs cacheControl: it says whether"
                    + " the rule's Cache-Control replaces the application's");
        }
        List<String> vary = map.has("vary") ? vary(map) : List.of();
        boolean etag = map.has("etag") && Boolean.TRUE.equals(reader.bool(map.value("etag"), map.path("etag")));
        List<TagTemplate> tags = map.has("tags") ? tags(map) : List.of();
        if (id == null || glob == null || methods == null || vary == null || tags == null) {
            return null;
        }
        return new HttpRule(id, glob, methods, cacheControl, override, vary, etag, tags,
                new SourcePosition(reader.problems().file(), node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1));
    }

    private Set<String> methods(YamlMapping map) {
        List<Node> items = list(map, "methods");
        if (items == null) {
            return null;
        }
        Set<String> methods = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String text = reader.text(items.get(i), YamlPath.index(map.path("methods"), i));
            if (text != null && !METHODS.contains(text.trim())) {
                reader.problems().at(items.get(i), YamlPath.index(map.path("methods"), i), "invalid method \"" + text
                        + "\"; allowed: " + String.join(", ", METHODS));
            } else if (text != null) {
                methods.add(text.trim());
            }
        }
        if (methods.isEmpty() && items.isEmpty()) {
            reader.problems().at(map.value("methods"), map.path("methods"), "methods must not be empty; the default is [GET, HEAD]");
        }
        return methods.isEmpty() ? null : methods;
    }

    private List<String> vary(YamlMapping map) {
        List<Node> items = list(map, "vary");
        if (items == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String text = reader.text(items.get(i), YamlPath.index(map.path("vary"), i));
            if (text != null && !text.trim().matches(TOKEN)) {
                reader.problems().at(items.get(i), YamlPath.index(map.path("vary"), i), "invalid header name \"" + text
                        + "\"; expected a request header name such as Accept-Encoding");
            } else if (text != null) {
                names.add(text.trim());
            }
        }
        return names;
    }

    private List<TagTemplate> tags(YamlMapping map) {
        if (!(map.value("tags") instanceof org.yaml.snakeyaml.nodes.SequenceNode)) {
            reader.problems().at(map.value("tags"), map.path("tags"), "tags must be a list of templates, e.g. tags: [\"product:{path[1]}\"]");
            return null;
        }
        List<Node> items = list(map, "tags");
        List<TagTemplate> tags = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = YamlPath.index(map.path("tags"), i);
            String text = reader.text(items.get(i), at);
            if (text == null) {
                continue;
            }
            try {
                tags.add(TagTemplate.parse(text));
            } catch (IllegalArgumentException e) {
                reader.problems().at(items.get(i), at, "invalid tag \"" + text + "\" " + e.getMessage());
            }
        }
        return tags;
    }

    private List<Node> list(YamlMapping map, String key) {
        return reader.sequence(map.value(key), map.path(key));
    }

    /** A header value: no line breaks or other control characters, which would split the response. */
    private String headerValue(YamlMapping map, String key) {
        String text = reader.text(map.value(key), map.path(key));
        if (text == null) {
            return null;
        }
        if (text.isBlank() || text.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            reader.problems().at(map.value(key), map.path(key), key + " must be a non-empty header value on one line");
            return null;
        }
        return text.trim();
    }

    private CdnPurge cdn(Node node) {
        YamlMapping cdn = reader.mapping(node, "cdn", CDN_KEYS);
        if (!cdn.has("purge")) {
            reader.problems().at(node, "cdn", "missing required key \"purge\"");
            return null;
        }
        YamlMapping map = reader.mapping(cdn.value("purge"), cdn.path("purge"), PURGE_KEYS);
        String url = null;
        if (!map.has("url")) {
            reader.problems().at(map.node(), map.path(), "missing required key \"url\"; expected http(s)://host/path");
        } else {
            url = reader.text(map.value("url"), map.path("url"));
            if (url != null && !validUrl(url.trim())) {
                reader.problems().at(map.value("url"), map.path("url"), "invalid url \"" + CdnPurge.redact(url)
                        + "\"; expected http(s)://host[:port]/path");
                url = null;
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (map.has("headers")) {
            Node value = map.value("headers");
            if (value instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    String name = YamlMapping.keyText(tuple);
                    String at = YamlPath.child(map.path("headers"), name);
                    String text = reader.text(tuple.getValueNode(), at);
                    if (!name.matches(TOKEN)) {
                        reader.problems().at(tuple.getKeyNode(), at, "invalid header name \"" + name + "\"");
                    } else if (text != null && text.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                        // the value is a secret: say where, never what
                        reader.problems().at(tuple.getValueNode(), at, "a header value must be on one line");
                    } else if (text != null) {
                        headers.put(name, text.trim());
                    }
                }
            } else if (!YamlTree.isEmptyScalar(value)) {
                reader.problems().at(value, map.path("headers"), "expected a mapping of header names to values,"
                        + " e.g. { Authorization: \"Bearer ${CDN_TOKEN}\" }");
            }
        }
        Duration timeout = CdnPurge.DEFAULT_TIMEOUT;
        if (map.has("timeout")) {
            Duration d = reader.positiveDuration(map.value("timeout"), map.path("timeout"));
            timeout = d == null ? timeout : d;
        }
        return url == null ? null : new CdnPurge(url.trim(), headers, timeout);
    }

    static boolean validUrl(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
