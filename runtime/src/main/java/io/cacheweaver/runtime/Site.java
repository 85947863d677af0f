package io.cacheweaver.runtime;

import io.cacheweaver.rules.Rule;

/**
 * One woven method under one rule, with the int id baked into its bytecode. Sites are never
 * removed (the id lives in the class), so a site outlives its rule: it serves a reloaded rule
 * only while their {@link WeaveKey}s are equal, and otherwise passes every call through.
 */
public record Site(int id, WeaveKey key, MethodShape shape, SiteCounters counters) {
    public String ruleId() {
        return key.ruleId();
    }

    public boolean serves(Rule rule) {
        return rule != null && key.equals(WeaveKey.of(rule));
    }

    /** The same method of the same class, defined by the same class loader. */
    boolean sameMethod(MethodShape other) {
        return shape.declaringClass().equals(other.declaringClass()) && shape.name().equals(other.name())
                && shape.descriptor().equals(other.descriptor()) && loaderOf(shape) == loaderOf(other);
    }

    static ClassLoader loaderOf(MethodShape shape) {
        return shape.loader() == null ? null : shape.loader().get();
    }
}
