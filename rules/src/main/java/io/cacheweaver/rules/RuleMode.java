package io.cacheweaver.rules;

/** A rule's {@code mode:} (contract §11). */
public enum RuleMode {
    /** The default: hits answer calls. */
    LIVE,
    /** The method always runs and its result is returned; the cache is consulted and compared only. */
    SHADOW
}
