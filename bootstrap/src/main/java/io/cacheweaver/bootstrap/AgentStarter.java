package io.cacheweaver.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;

/** Implemented inside the isolated class loader; the boot-side launcher only knows this. */
public interface AgentStarter {

    /**
     * Starts the agent. Every problem is reported and the application runs uncached, except in
     * strict mode at startup, where the agent ends the JVM with exit code 1 (it never throws:
     * an exception out of premain ends the JVM with "FATAL ERROR in native method").
     */
    void start(String agentArgs, Instrumentation inst, File agentJar, boolean atStartup) throws Exception;

    /** A second attach to a JVM that already runs the agent: reload rules instead of installing twice. */
    void reattach(String agentArgs) throws Exception;

    /** {@code java -jar cacheweaver-agent.jar ...}: returns the process exit code. */
    int runCommand(String[] args);
}
