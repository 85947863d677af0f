package io.cacheweaver.runtime.jmx;

/**
 * {@code -Dcacheweaver.jmx.readOnly=true}: the MBeans keep every attribute but refuse their
 * operations (invalidate, invalidateAll, resetStatistics, reloadRules), for deployments where
 * whoever can read JMX must not be able to change the cache. The refusal reaches the JMX client
 * only; the application never sees it.
 */
final class ReadOnlyMode {
    static final String PROPERTY = "cacheweaver.jmx.readOnly";
    private static final boolean READ_ONLY = Boolean.getBoolean(PROPERTY);

    private ReadOnlyMode() {
    }

    static void allow(String operation) {
        if (READ_ONLY) {
            throw new UnsupportedOperationException(operation + " is disabled: the agent runs with -D" + PROPERTY + "=true");
        }
    }
}
