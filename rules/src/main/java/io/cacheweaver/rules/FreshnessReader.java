package io.cacheweaver.rules;

import io.cacheweaver.rules.CacheReader.Sourced;
import java.time.Duration;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The freshness keys of a cache ({@code refreshAfter}, {@code refreshIn}, {@code staleIfError},
 * {@code loadTimeout}): each read where it is written, and checked against the cache's ttl once
 * defaults are applied, so a problem points at the key that causes it.
 */
final class FreshnessReader {
    static final String REFRESH_AFTER = "refreshAfter";
    static final String REFRESH_IN = "refreshIn";
    static final String STALE_IF_ERROR = "staleIfError";
    static final String LOAD_TIMEOUT = "loadTimeout";

    /** {@code refreshAfter} as written: a duration, or a fraction of the ttl. */
    record RefreshPoint(Duration after, double ratio) {
    }

    private final NodeReader reader;

    FreshnessReader(NodeReader reader) {
        this.reader = reader;
    }

    Sourced<RefreshPoint> refreshAfter(YamlMapping map) {
        Node node = map.value(REFRESH_AFTER);
        String path = map.path(REFRESH_AFTER);
        String text = reader.text(node, path);
        if (text == null) {
            return new Sourced<>(null, node, path);
        }
        if (text.trim().endsWith("%")) {
            Double ratio = reader.percent(node, path);
            if (ratio != null && (ratio <= 0 || ratio >= 1)) {
                reader.problems().at(node, path, "invalid refreshAfter \"" + text + "\"; a percentage of the ttl must be"
                        + " between 0% and 100% (exclusive), e.g. 80%");
                ratio = null;
            }
            return new Sourced<>(ratio == null ? null : new RefreshPoint(null, ratio), node, path);
        }
        Duration after = reader.positiveDuration(node, path);
        return new Sourced<>(after == null ? null : new RefreshPoint(after, 0), node, path);
    }

    Sourced<Freshness.RefreshIn> refreshIn(YamlMapping map) {
        Node node = map.value(REFRESH_IN);
        String path = map.path(REFRESH_IN);
        String text = reader.text(node, path);
        Freshness.RefreshIn value = null;
        if ("background".equals(text)) {
            value = Freshness.RefreshIn.BACKGROUND;
        } else if ("caller".equals(text)) {
            value = Freshness.RefreshIn.CALLER;
        } else if (text != null) {
            reader.problems().at(node, path, "invalid refreshIn \"" + text + "\"; allowed: background, caller");
        }
        return new Sourced<>(value, node, path);
    }

    Sourced<Duration> duration(YamlMapping map, String key) {
        return new Sourced<>(reader.positiveDuration(map.value(key), map.path(key)), map.value(key), map.path(key));
    }

    /** The cache's freshness once defaults are applied; impossible combinations are reported at the key that makes them so. */
    Freshness resolve(String cache, Duration ttl, Sourced<RefreshPoint> refreshAfter, Sourced<Freshness.RefreshIn> refreshIn,
                      Sourced<Duration> staleIfError, Sourced<Duration> loadTimeout) {
        RefreshPoint point = refreshAfter == null ? null : refreshAfter.value();
        if (point != null && point.after() != null && point.after().compareTo(ttl) >= 0) {
            reader.problems().at(refreshAfter.node(), refreshAfter.path(), "refreshAfter " + text(refreshAfter.node())
                    + " is not shorter than the ttl of cache \"" + cache + "\"; refreshAfter must be less than ttl"
                    + " (a duration, or a percentage of ttl such as 80%)");
            point = null;
        }
        Duration stale = staleIfError == null ? null : staleIfError.value();
        Duration timeout = loadTimeout == null ? null : loadTimeout.value();
        if (timeout != null && stale == null && point == null && (refreshAfter == null || refreshAfter.value() == null)) {
            reader.problems().at(loadTimeout.node(), loadTimeout.path(), "loadTimeout needs staleIfError or refreshAfter"
                    + " in cache \"" + cache + "\": without a stale value there is nothing to answer with when it expires");
            timeout = null;
        }
        Freshness.RefreshIn in = refreshIn == null || refreshIn.value() == null ? Freshness.RefreshIn.BACKGROUND : refreshIn.value();
        return new Freshness(point == null ? null : point.after(), point == null ? 0 : point.ratio(), in, stale, timeout);
    }

    private static String text(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : "?";
    }
}
