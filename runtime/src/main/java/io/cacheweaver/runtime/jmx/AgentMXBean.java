package io.cacheweaver.runtime.jmx;

/** {@code io.cacheweaver:type=Agent} (documented in docs/operations.md, "JMX"). */
public interface AgentMXBean {
    /** The rules file as given to the agent. */
    String getRulesFile();

    /** When the rules now in force were loaded, ISO-8601 UTC. */
    String getRulesLoadedAt();

    int getRuleCount();

    /** Distinct methods that some current rule instruments. */
    int getWovenMethodCount();

    /** Every problem of the last failed load or reload, one per line; empty after a successful one. */
    String getLastError();

    /** Reads the rules file again now; returns a one-line outcome (the same as the log line). */
    String reloadRules();

    /** CDN purge POSTs answered with 2xx (docs/http.md); 0 without {@code cdn.purge}. */
    default long getPurgesSent() {
        io.cacheweaver.runtime.http.HttpLayer layer = io.cacheweaver.runtime.http.HttpLayer.installed();
        return layer == null || layer.purger() == null ? 0 : layer.purger().sent();
    }

    /** Failed CDN purge POST attempts, retries included. */
    default long getPurgeFailures() {
        io.cacheweaver.runtime.http.HttpLayer layer = io.cacheweaver.runtime.http.HttpLayer.installed();
        return layer == null || layer.purger() == null ? 0 : layer.purger().failures();
    }
}
