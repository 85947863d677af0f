package io.cacheweaver;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.jar.JarFile;

/**
 * The agent jar's entry point ({@code Premain-Class}, {@code Agent-Class}, {@code Main-Class}).
 * Loaded by the system class loader, so it references the bootstrap classes only reflectively,
 * after the jar has been appended to the bootstrap search path: otherwise the system loader
 * would define a second, private copy of the bridge.
 */
public final class CacheweaverAgent {
    private static final String LAUNCHER = "io.cacheweaver.bootstrap.AgentLauncher";

    private CacheweaverAgent() {
    }

    public static void premain(String agentArgs, Instrumentation inst) throws Throwable {
        launch(agentArgs, inst, true);
    }

    public static void agentmain(String agentArgs, Instrumentation inst) throws Throwable {
        launch(agentArgs, inst, false);
    }

    public static void main(String[] args) throws Throwable {
        File jar = ownJar();
        Method run = Class.forName(LAUNCHER, true, CacheweaverAgent.class.getClassLoader())
                .getMethod("runCommand", File.class, String[].class);
        System.exit((Integer) unwrap(run, null, jar, args));
    }

    private static void launch(String agentArgs, Instrumentation inst, boolean atStartup) throws Throwable {
        String disabledBy = disabledBy(agentArgs);
        if (disabledBy != null) {
            // the one line an operator needs; nothing else of the agent is touched
            System.err.println("[cacheweaver] disabled by the " + disabledBy + ": nothing is woven");
            String report = origin(agentArgs, "report");
            if (!atStartup && report != null && report.startsWith("agent argument ")) {
                reportDisabled(valueOf(report), disabledBy); // the attach command waits for an outcome
            }
            return;
        }
        try {
            File jar = ownJar();
            inst.appendToBootstrapClassLoaderSearch(new JarFile(jar, false));
            Method launch = Class.forName(LAUNCHER, true, null)
                    .getMethod("launch", String.class, Instrumentation.class, File.class, boolean.class);
            unwrap(launch, null, agentArgs, inst, jar, atStartup);
        } catch (Throwable t) {
            System.err.println("[cacheweaver] ERROR agent failed to start; the application runs uncached: " + t);
            String strict = origin(agentArgs, "strict");
            if (atStartup && strict != null && "true".equalsIgnoreCase(valueOf(strict))) {
                // never throw out of premain: the JVM would report FATAL ERROR in native method, exit code 134
                System.err.println("[cacheweaver] ERROR strict mode: stopping the JVM with exit code 1");
                System.exit(1);
            }
        }
    }

    /** The attach command's report format (see the agent's AttachReport): outcome, then lines. */
    private static void reportDisabled(String file, String disabledBy) {
        try {
            java.nio.file.Files.write(java.nio.file.Path.of(file),
                    java.util.List.of("failed", "the agent is disabled in the target by the " + disabledBy));
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("[cacheweaver] could not write the attach outcome to " + file + ": " + e);
        }
    }

    private static Object unwrap(Method method, Object target, Object... args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static File ownJar() throws Exception {
        return new File(CacheweaverAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Where {@code enabled=false} came from, or null when the agent is on (any other value: the agent proper reports it). */
    static String disabledBy(String agentArgs) {
        String origin = origin(agentArgs, "enabled");
        return origin != null && "false".equalsIgnoreCase(valueOf(origin)) ? origin : null;
    }

    /**
     * The first channel that sets {@code key}, as the agent proper names it ({@code agent argument
     * k=v}, {@code system property -Dcacheweaver.k=v}, {@code environment variable CACHEWEAVER_K=v}),
     * or null. Agent argument, then system property, then environment (docs/operations.md, "Settings"). The agent
     * proper reads and checks every setting; this class needs {@code enabled} before touching anything.
     */
    static String origin(String agentArgs, String key) {
        String found = null;
        if (agentArgs != null) {
            for (String pair : agentArgs.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(key)) {
                    found = "agent argument " + key + "=" + pair.substring(eq + 1); // the last one counts
                }
            }
        }
        if (found != null) {
            return found;
        }
        String property = System.getProperty("cacheweaver." + key);
        if (property != null) {
            return "system property -Dcacheweaver." + key + "=" + property;
        }
        String variable = "CACHEWEAVER_" + key.toUpperCase(java.util.Locale.ROOT);
        String value = System.getenv(variable);
        return value == null ? null : "environment variable " + variable + "=" + value;
    }

    private static String valueOf(String origin) {
        return origin.substring(origin.indexOf('=') + 1).trim();
    }
}
