package io.cacheweaver.rules.http;

import java.util.List;

/**
 * The {@code http:} rules and {@code cdn:} settings of a rules file.
 *
 * @param rules response header rules, in file order (the first match wins)
 * @param purge where invalidations are sent, or {@code null} without {@code cdn.purge}
 */
public record HttpSettings(List<HttpRule> rules, CdnPurge purge) {
    public static final HttpSettings NONE = new HttpSettings(List.of(), null);

    public HttpSettings {
        rules = List.copyOf(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty() && purge == null;
    }
}
