package io.cacheweaver.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wakes the agent's threads that sit in native code (a watch service's poll, a socket read, a
 * selector) when the JVM exits. HotSpot's last safepoint waits up to 300 ms for every thread still
 * "in native" to come back (VM_Exit::wait_for_threads_in_native_to_block): one open
 * {@code WatchService} made every exit of an application with the agent 300 ms longer — a third of
 * the agent's whole start-up cost in a short-lived program (issue 17). One JVM shutdown hook for
 * all of them; each release is a close that the owner would run anyway and must not throw.
 */
public final class BlockedThreadRelease {
    private static final Set<Registration> PENDING = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;
    private static volatile boolean exiting;

    private BlockedThreadRelease() {
    }

    /** A release to run at exit until it is {@linkplain Registration#cancel() cancelled} (its owner closed first). */
    public static Registration atExit(String what, Runnable release) {
        Registration registration = new Registration(what, release);
        PENDING.add(registration);
        hookOnce();
        return registration;
    }

    /** Whether the JVM is exiting: owners whose thread is woken by the release stay quiet about it. */
    public static boolean exiting() {
        return exiting;
    }

    private static synchronized void hookOnce() {
        if (hooked) {
            return;
        }
        hooked = true;
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(BlockedThreadRelease::releaseAll, "cacheweaver-exit"));
        } catch (IllegalStateException alreadyExiting) {
            exiting = true; // nothing left to shorten
        }
    }

    private static void releaseAll() {
        exiting = true;
        for (Registration registration : PENDING) {
            try {
                registration.release.run();
            } catch (Throwable t) {
                AgentLog.debug("at exit, releasing " + registration.what + " failed: " + AgentLog.describe(t));
            }
        }
        PENDING.clear();
    }

    /** One release; identity-equal, so two owners with the same description never collide. */
    public static final class Registration {
        private final String what;
        private final Runnable release;

        private Registration(String what, Runnable release) {
            this.what = what;
            this.release = release;
        }

        public void cancel() {
            PENDING.remove(this);
        }
    }
}
