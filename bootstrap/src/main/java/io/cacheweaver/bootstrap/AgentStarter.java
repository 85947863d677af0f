package io.cacheweaver.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;

/** Implemented inside the isolated class loader; the boot-side launcher only knows this. */
public interface AgentStarter {

    /**
     * Starts the agent. Throws only when startup must fail (strict mode with a bad rules file);
     * every other problem is reported and the application runs uncached.
     */
    void start(String agentArgs, Instrumentation inst, File agentJar, boolean atStartup) throws Exception;

    /** A second attach to a JVM that already runs the agent: reload rules instead of installing twice. */
    void reattach(String agentArgs) throws Exception;

    /** {@code java -jar cacheweaver-agent.jar ...}: returns the process exit code. */
    int runCommand(String[] args);
}
