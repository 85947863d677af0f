package io.cacheweaver.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;

/**
 * Boot-side half of startup: builds the isolated class loader once per JVM and hands over to
 * the agent proper. Lives on the bootstrap class path so that a second attach finds the first
 * installation and turns into a rules reload.
 */
public final class AgentLauncher {
    private static final String STARTER = "io.cacheweaver.agent.AgentMain";
    private static AgentStarter started;

    private AgentLauncher() {
    }

    public static synchronized void launch(String agentArgs, Instrumentation inst, File agentJar, boolean atStartup)
            throws Exception {
        if (started != null) {
            started.reattach(agentArgs);
            return;
        }
        AgentStarter starter = newStarter(agentJar);
        started = starter;
        starter.start(agentArgs, inst, agentJar, atStartup);
    }

    public static int runCommand(File agentJar, String[] args) throws Exception {
        // java -jar: nothing was appended to the boot path, so the bridge classes (AgentStarter)
        // live in the system loader, which must therefore be the parent
        return newStarter(agentJar, AgentLauncher.class.getClassLoader()).runCommand(args);
    }

    private static AgentStarter newStarter(File agentJar) throws Exception {
        return newStarter(agentJar, ClassLoader.getPlatformClassLoader());
    }

    private static AgentStarter newStarter(File agentJar, ClassLoader parent) throws Exception {
        ClassLoader isolated = new IsolatedClassLoader(agentJar, parent);
        Class<?> type = Class.forName(STARTER, true, isolated);
        return (AgentStarter) type.getDeclaredConstructor().newInstance();
    }
}
