package io.cacheweaver.agent;

import io.cacheweaver.agent.lean.LeanWeaver;
import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.SiteTable;

/**
 * Started by premain before it reads the rules: on a thread of its own, pays what the runtime's
 * first site and first local cache and the lean weaver's first class cost once per JVM
 * ({@link SiteTable#warmUp}, {@link LeanWeaver#rehearse}), while the main thread parses the rules
 * file. An application that loads a woven class at once then waits for the runtime's own work
 * only, not for class loading and first runs (issue 17). Needs no rules; never throws.
 */
final class RuntimeWarmup {
    private RuntimeWarmup() {
    }

    static void start() {
        Thread thread = new Thread(RuntimeWarmup::run, "cacheweaver-warmup-runtime");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        long began = System.nanoTime();
        try {
            SiteTable.warmUp(); // needed first: the weaver thread builds the runtime as soon as the rules are read
            LeanWeaver.rehearse();
        } catch (Throwable t) {
            AgentLog.debug("runtime warm-up failed (only start-up time is lost): " + AgentLog.describe(t));
        }
        if (AgentLog.isDebug()) {
            AgentLog.debug("runtime warm-up took " + (System.nanoTime() - began) / 1_000_000 + " ms (off the main thread)");
        }
    }
}
