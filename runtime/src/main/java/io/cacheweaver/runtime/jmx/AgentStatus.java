package io.cacheweaver.runtime.jmx;

import java.time.Instant;

/**
 * What the Agent MBean reports about rules loading. Written by whoever loads rules (startup, the
 * file watcher, JMX, a second attach); read by JMX threads.
 */
public final class AgentStatus {
    /** @param lastError every problem of the last failed load, one per line; empty after a successful load */
    public record State(String rulesFile, Instant loadedAt, String lastError) {
    }

    private volatile State state;

    public AgentStatus(String rulesFile, Instant loadedAt) {
        this.state = new State(rulesFile, loadedAt, "");
    }

    public State state() {
        return state;
    }

    public synchronized void loaded(String rulesFile, Instant at) {
        state = new State(rulesFile, at, "");
    }

    /** A failed load keeps the rules in force, and so their load time. */
    public synchronized void failed(String rulesFile, String error) {
        state = new State(rulesFile, state.loadedAt(), error);
    }
}
