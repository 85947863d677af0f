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
        if (isDisabled(agentArgs)) {
            return; // enabled=false: the agent does nothing at all
        }
        try {
            File jar = ownJar();
            inst.appendToBootstrapClassLoaderSearch(new JarFile(jar, false));
            Method launch = Class.forName(LAUNCHER, true, null)
                    .getMethod("launch", String.class, Instrumentation.class, File.class, boolean.class);
            unwrap(launch, null, agentArgs, inst, jar, atStartup);
        } catch (Throwable t) {
            if (isStrict(agentArgs)) {
                throw t; // strict mode: a broken agent setup stops startup, as asked
            }
            System.err.println("[cacheweaver] ERROR agent failed to start; the application runs uncached: " + t);
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

    private static boolean isDisabled(String agentArgs) {
        return "false".equalsIgnoreCase(setting(agentArgs, "enabled"));
    }

    private static boolean isStrict(String agentArgs) {
        return "true".equalsIgnoreCase(setting(agentArgs, "strict"));
    }

    /** Agent argument, then system property, then environment (docs/getting-started.md, step 3). */
    static String setting(String agentArgs, String key) {
        if (agentArgs != null) {
            for (String pair : agentArgs.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(key)) {
                    return pair.substring(eq + 1).trim();
                }
            }
        }
        String property = System.getProperty("cacheweaver." + key);
        if (property != null) {
            return property;
        }
        return System.getenv("CACHEWEAVER_" + key.toUpperCase(java.util.Locale.ROOT));
    }
}
