package io.cacheweaver.runtime.jmx;

import io.cacheweaver.runtime.CacheRuntime;
import io.cacheweaver.runtime.metrics.LatencyHistogram;

/**
 * The MBean views for readers other than JMX (the Prometheus endpoint), so that every exporter
 * shows the same numbers from the same code.
 */
public final class Views {
    private Views() {
    }

    public static CacheMXBean cache(CacheRuntime runtime, String name) {
        return new CacheView(runtime, name);
    }

    public static RuleMXBean rule(CacheRuntime runtime, String ruleId) {
        return new RuleView(runtime, ruleId);
    }

    /** The Agent MBean's figures, for exporters: read its attributes only (its operations act on the agent). */
    public static AgentMXBean agent(CacheRuntime runtime) {
        return new AgentView(runtime, null, () -> "not from here");
    }

    public static HttpMXBean http(String ruleId) {
        return new HttpView(ruleId);
    }

    /** The load durations of a rule's methods, merged. */
    public static LatencyHistogram.Snapshot loadTimes(CacheRuntime runtime, String ruleId) {
        return new RuleView(runtime, ruleId).loadTimes();
    }
}
