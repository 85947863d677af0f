package io.cacheweaver.rules;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * {@code defaults:} and {@code caches:}. Each field remembers where it was written so that a
 * conflict (local.ttl longer than ttl, layer redis without redis) points at the line to fix.
 */
final class CacheReader {
    static final List<String> KEYS = List.of("ttl", "jitter", "cacheNulls", "layers", "local", FreshnessReader.REFRESH_AFTER,
            FreshnessReader.REFRESH_IN, FreshnessReader.STALE_IF_ERROR, FreshnessReader.LOAD_TIMEOUT, WarmReader.WARM);
    static final List<String> LOCAL_KEYS = List.of("maxEntries", "ttl");

    /** A value and the node it came from. */
    record Sourced<T>(T value, Node node, String path) {
    }

    /** What one mapping (defaults or a cache) says; {@code null} = not said. */
    record Fields(Sourced<Duration> ttl, Sourced<Double> jitter, Sourced<Optional<Duration>> cacheNulls,
                  Sourced<Set<Layer>> layers, Sourced<Long> maxEntries, Sourced<Duration> localTtl,
                  Sourced<FreshnessReader.RefreshPoint> refreshAfter, Sourced<Freshness.RefreshIn> refreshIn,
                  Sourced<Duration> staleIfError, Sourced<Duration> loadTimeout, Sourced<Warm> warm) {
        static final Fields NONE = new Fields(null, null, null, null, null, null, null, null, null, null, null);

        /** This mapping's fields, falling back to {@code defaults} field by field. */
        Fields over(Fields defaults) {
            return new Fields(or(ttl, defaults.ttl), or(jitter, defaults.jitter), or(cacheNulls, defaults.cacheNulls),
                    or(layers, defaults.layers), or(maxEntries, defaults.maxEntries), or(localTtl, defaults.localTtl),
                    or(refreshAfter, defaults.refreshAfter), or(refreshIn, defaults.refreshIn),
                    or(staleIfError, defaults.staleIfError), or(loadTimeout, defaults.loadTimeout), or(warm, defaults.warm));
        }

        private static <T> Sourced<T> or(Sourced<T> own, Sourced<T> fallback) {
            return own != null ? own : fallback;
        }
    }

    private final NodeReader reader;
    private final FreshnessReader freshness;
    private final WarmReader warm;
    private final boolean redisConfigured;

    CacheReader(NodeReader reader, boolean redisConfigured) {
        this.reader = reader;
        this.freshness = new FreshnessReader(reader);
        this.warm = new WarmReader(reader);
        this.redisConfigured = redisConfigured;
    }

    Fields fields(Node node, String path) {
        YamlMapping map = reader.mapping(node, path, KEYS);
        Sourced<Duration> ttl = map.has("ttl") ? sourced(reader.positiveDuration(map.value("ttl"), map.path("ttl")), map, "ttl") : null;
        Sourced<Double> jitter = map.has("jitter") ? sourced(reader.percent(map.value("jitter"), map.path("jitter")), map, "jitter") : null;
        Sourced<Optional<Duration>> cacheNulls = map.has("cacheNulls") ? cacheNulls(map) : null;
        Sourced<Set<Layer>> layers = map.has("layers") ? layers(map) : null;
        Sourced<Long> maxEntries = null;
        Sourced<Duration> localTtl = null;
        if (map.has("local")) {
            YamlMapping local = reader.mapping(map.value("local"), map.path("local"), LOCAL_KEYS);
            if (local.has("maxEntries")) {
                maxEntries = sourced(reader.positiveInteger(local.value("maxEntries"), local.path("maxEntries")), local, "maxEntries");
            }
            if (local.has("ttl")) {
                localTtl = sourced(reader.positiveDuration(local.value("ttl"), local.path("ttl")), local, "ttl");
            }
        }
        return new Fields(ttl, jitter, cacheNulls, layers, maxEntries, localTtl,
                map.has(FreshnessReader.REFRESH_AFTER) ? freshness.refreshAfter(map) : null,
                map.has(FreshnessReader.REFRESH_IN) ? freshness.refreshIn(map) : null,
                map.has(FreshnessReader.STALE_IF_ERROR) ? freshness.duration(map, FreshnessReader.STALE_IF_ERROR) : null,
                map.has(FreshnessReader.LOAD_TIMEOUT) ? freshness.duration(map, FreshnessReader.LOAD_TIMEOUT) : null,
                map.has(WarmReader.WARM) ? warm.read(map) : null);
    }

    /** Every cache under {@code caches:}, in declaration order, with {@code defaults} applied. */
    Map<String, CacheSpec> caches(Node node, String path, Fields defaults) {
        Map<String, CacheSpec> caches = new LinkedHashMap<>();
        if (node == null || YamlTree.isEmptyScalar(node) || reader.problems().isRejected(node)) {
            return caches;
        }
        if (!(node instanceof org.yaml.snakeyaml.nodes.MappingNode mapping)) {
            reader.problems().at(node, path, "expected a mapping of cache names to settings, found " + NodeReader.describe(node));
            return caches;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key) || caches.containsKey(key.getValue())) {
                continue; // reported by YamlTree
            }
            String name = key.getValue();
            String cachePath = YamlPath.child(path, name);
            if (name.isBlank()) {
                reader.problems().at(key, cachePath, "a cache name must not be empty");
            }
            caches.put(name, resolve(name, fields(tuple.getValueNode(), cachePath).over(defaults), key, cachePath));
        }
        return caches;
    }

    private CacheSpec resolve(String name, Fields f, Node nameNode, String cachePath) {
        Duration ttl = value(f.ttl(), CacheSpec.DEFAULT_TTL);
        Duration localTtl = value(f.localTtl(), ttl);
        if (f.localTtl() != null && f.localTtl().value() != null && f.ttl() != null && f.ttl().value() == null) {
            localTtl = f.localTtl().value(); // ttl was invalid (reported): do not pile a second problem on it
        } else if (localTtl.compareTo(ttl) > 0) {
            Sourced<Duration> blame = f.localTtl();
            String ttlText = f.ttl() == null ? format(ttl) + " (the default)" : text(f.ttl().node());
            reader.problems().at(blame.node(), blame.path(), "local.ttl " + text(blame.node()) + " is longer than ttl "
                    + ttlText + " of cache \"" + name + "\"; local.ttl may not exceed ttl");
        }
        Set<Layer> layers = f.layers() == null || f.layers().value() == null
                ? (redisConfigured ? EnumSet.of(Layer.LOCAL, Layer.REDIS) : EnumSet.of(Layer.LOCAL))
                : f.layers().value();
        Optional<Duration> cacheNulls = value(f.cacheNulls(), Optional.empty());
        LocalSettings local = new LocalSettings(value(f.maxEntries(), LocalSettings.DEFAULT_MAX_ENTRIES), localTtl);
        Freshness fresh = freshness.resolve(name, ttl, f.refreshAfter(), f.refreshIn(), f.staleIfError(), f.loadTimeout());
        Warm warmed = warm.resolve(name, f.warm(), layers);
        return new CacheSpec(name, ttl, value(f.jitter(), 0.0), cacheNulls.orElse(null), layers, local, fresh, warmed);
    }

    private static <T> T value(Sourced<T> sourced, T fallback) {
        return sourced == null || sourced.value() == null ? fallback : sourced.value();
    }

    private Sourced<Optional<Duration>> cacheNulls(YamlMapping map) {
        Node node = map.value("cacheNulls");
        String path = map.path("cacheNulls");
        String text = YamlTree.isEmptyScalar(node) ? "off" : reader.text(node, path);
        if (text != null && (text.equalsIgnoreCase("off") || text.equalsIgnoreCase("false"))) {
            return new Sourced<>(Optional.empty(), node, path);
        }
        Duration d = text == null ? null : reader.positiveDuration(node, path);
        return new Sourced<>(d == null ? null : Optional.of(d), node, path);
    }

    private Sourced<Set<Layer>> layers(YamlMapping map) {
        Node node = map.value("layers");
        String path = map.path("layers");
        List<Node> items = reader.sequence(node, path);
        if (items == null) {
            return new Sourced<>(null, node, path);
        }
        Set<Layer> layers = new LinkedHashSet<>(); // the declared order, as the startup line shows it
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String itemPath = YamlPath.index(path, i);
            String text = reader.text(items.get(i), itemPath);
            if (text == null) {
                ok = false;
            } else if (text.equals("local") || text.equals("redis")) {
                Layer layer = text.equals("local") ? Layer.LOCAL : Layer.REDIS;
                if (!layers.add(layer)) {
                    reader.problems().at(items.get(i), itemPath, "layer \"" + text + "\" is listed twice");
                }
                if (layer == Layer.REDIS && !redisConfigured) {
                    reader.problems().at(items.get(i), itemPath, "layer \"redis\" needs a redis: section with a url");
                    ok = false;
                }
            } else {
                reader.problems().at(items.get(i), itemPath, "unknown layer \"" + text + "\"; allowed: local, redis");
                ok = false;
            }
        }
        if (ok && layers.isEmpty()) {
            reader.problems().at(node, path, "layers must not be empty; allowed: local, redis");
            ok = false;
        }
        return new Sourced<>(ok ? layers : null, node, path);
    }

    private static <T> Sourced<T> sourced(T value, YamlMapping map, String key) {
        return new Sourced<>(value, map.value(key), map.path(key));
    }

    private static String text(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : "?";
    }

    private static String format(Duration d) {
        return d.toMinutes() * 60_000 == d.toMillis() ? d.toMinutes() + "m" : d.toMillis() + "ms";
    }
}
