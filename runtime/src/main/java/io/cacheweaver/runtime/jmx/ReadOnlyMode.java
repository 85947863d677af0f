package io.cacheweaver.runtime.jmx;

/**
 * The {@code jmx.readOnly} setting ({@code -Dcacheweaver.jmx.readOnly=true}): the MBeans keep every attribute but refuse their
 * operations (invalidate, invalidateAll, resetStatistics, reloadRules), for deployments where
 * whoever can read JMX must not be able to change the cache. The refusal reaches the JMX client
 * only; the application never sees it.
 */
final class ReadOnlyMode {
    static final String PROPERTY = "cacheweaver.jmx.readOnly";
    /** Set by {@link JmxRegistry} before any MBean is registered. */
    private static volatile boolean readOnly;

    private ReadOnlyMode() {
    }

    static void set(boolean on) {
        readOnly = on;
    }

    static void allow(String operation) {
        if (readOnly) {
            throw new UnsupportedOperationException(operation + " is disabled: the agent runs with -D" + PROPERTY + "=true");
        }
    }
}
