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

    /**
     * Starts every pending write-behind write now and returns when they are done, or after the
     * longest {@code flushTimeout} among them; a one-line outcome with counts.
     */
    String flushWriteBehind();
    /** Tags evicted by this instance (evict rules with {@code tags}, {@link #invalidateTag}). */
    long getTagEvictions();

    /** Invalidation messages in the documented JSON format applied (the invalidate command, redis-cli, triggers). */
    long getExternalInvalidations();

    /** Invalidations made while Redis was unreachable, remembered for replay. */
    long getInvalidationsDeferred();

    /** Remembered invalidations applied to Redis and broadcast once it was back. */
    long getInvalidationsReplayed();

    /** Messages on the invalidation channel that were not valid invalidations (ignored). */
    long getInvalidationMessagesRejected();

    /**
     * Evicts every entry tagged {@code tag} in every cache: locally, in Redis and on every other
     * instance, as an evict rule with that tag does. Returns a one-line outcome.
     */
    String invalidateTag(String tag);

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
