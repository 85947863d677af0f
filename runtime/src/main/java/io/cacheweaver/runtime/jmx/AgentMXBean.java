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
}
