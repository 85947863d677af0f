package io.cacheweaver.rules;

/** Builds the dotted paths used in messages ({@code rules[2].ttl}, {@code caches.products.local}). */
final class YamlPath {
    private YamlPath() {
    }

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
