package io.cacheweaver.agent;

import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.settings.AgentSettings;
import io.cacheweaver.runtime.settings.Settings;

/**
 * The {@code strict} setting: a problem that would otherwise leave methods uncached ends the JVM
 * with exit code 1 and one line saying why. Never by throwing out of premain, which the JVM turns
 * into {@code FATAL ERROR in native method} and exit code 134. Only a JVM started with the agent
 * is stopped: an attach never ends a running application (the attach command reports instead).
 */
final class StrictMode {
    static final int EXIT_CODE = 1;
    static final StrictMode OFF = new StrictMode(false, "");

    private final boolean on;
    private final String origin;

    private StrictMode(boolean on, String origin) {
        this.on = on;
        this.origin = origin;
    }

    static StrictMode of(AgentSettings settings, boolean atStartup) {
        return atStartup && settings.get(Settings.STRICT) ? new StrictMode(true, settings.origin(Settings.STRICT)) : OFF;
    }

    boolean isOn() {
        return on;
    }

    /**
     * In premain, before the application runs: logs why and exits now. {@code System.exit} is
     * safe there (only the JVM's own shutdown hooks exist yet) and lets them run.
     */
    void stopNow(String why) {
        if (on) {
            AgentLog.error(line(why));
            System.err.flush();
            System.exit(EXIT_CODE);
        }
    }

    /**
     * While a class loads (a rule cannot apply to a method): the calling thread may hold class
     * loading locks that the application's shutdown hooks need, so the exit runs on a thread of
     * its own; the method being woven stays uncached meanwhile.
     */
    void stopSoon(String why) {
        if (on) {
            AgentLog.error(line(why));
            Thread exit = new Thread(() -> {
                System.err.flush();
                System.exit(EXIT_CODE);
            }, "cacheweaver-strict-exit");
            exit.start();
        }
    }

    private String line(String why) {
        return "strict mode (" + origin + "): " + why + "; stopping the JVM with exit code " + EXIT_CODE;
    }
}
