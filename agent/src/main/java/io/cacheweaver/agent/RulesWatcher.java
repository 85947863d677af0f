package io.cacheweaver.agent;

import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.BlockedThreadRelease;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Reloads the rules when their file changes. Watches the parent directory, not the file: editors
 * and config-map updates replace the file rather than write into it. Events are debounced, since
 * one save is often several events and a half-written file must not be loaded. Whether the file
 * changed is decided by its content digest, not by events or timestamps alone: right after
 * registering (an edit made while the agent started, before anything listened, is otherwise never
 * seen) and every {@link #RECHECK_MILLIS} (file systems whose events are late or missing: polling
 * watch services, network mounts, config-map symlink swaps that name another file).
 */
final class RulesWatcher {
    static final long DEBOUNCE_MILLIS = 300;
    static final long RECHECK_MILLIS = 2000;

    private final RulesReloader reloader;

    RulesWatcher(RulesReloader reloader) {
        this.reloader = reloader;
    }

    /** Starts the daemon thread; a directory that cannot be watched is reported and left alone. */
    void start() {
        Path file = reloader.file().toAbsolutePath();
        Path dir = file.getParent();
        WatchService service;
        try {
            service = FileSystems.getDefault().newWatchService();
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            AgentLog.warn("cannot watch " + dir + " for rules changes (" + AgentLog.describe(e)
                    + "); reload over JMX with reloadRules() instead");
            return;
        }
        // the watch service's own thread sits in native poll(): closed at exit, or every exit waits 300 ms for it
        BlockedThreadRelease.Registration release = BlockedThreadRelease.atExit("the rules watcher", () -> close(service));
        Thread thread = new Thread(() -> {
            watch(service, file);
            release.cancel();
        }, "cacheweaver-rules-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch(WatchService service, Path file) {
        try (service) {
            // an edit made after the agent read the file and before the registration above raised no event
            boolean changed = reloader.changedSinceRead();
            while (true) {
                if (changed) {
                    // debounce: wait until the directory has been quiet for a while
                    WatchKey more;
                    while ((more = service.poll(DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                        more.pollEvents();
                        more.reset();
                    }
                    if (!reloader.file().toAbsolutePath().equals(file)) {
                        return; // a second attach switched files and started a watcher of its own
                    }
                    reloader.reloadIfChanged("file changed");
                }
                changed = awaitChange(service, file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException | IOException e) {
            if (!BlockedThreadRelease.exiting()) {
                AgentLog.warn("stopped watching the rules file: " + AgentLog.describe(e));
            }
        } catch (Throwable t) {
            AgentLog.error("rules watcher failed, hot reload from the file is off: " + AgentLog.describe(t));
        }
    }

    private static void close(WatchService service) {
        try {
            service.close();
        } catch (IOException e) {
            AgentLog.debug("closing the rules watcher: " + AgentLog.describe(e));
        }
    }

    /** Waits for an event naming the file; after {@link #RECHECK_MILLIS} without one, compares digests instead. */
    private boolean awaitChange(WatchService service, Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECHECK_MILLIS);
        while (true) {
            long left = deadline - System.nanoTime();
            WatchKey key = left <= 0 ? null : service.poll(left, TimeUnit.NANOSECONDS);
            if (key != null) {
                boolean ours = concerns(key, file);
                key.reset();
                if (ours) {
                    return true;
                }
            } else if (deadline - System.nanoTime() <= 0) {
                return reloader.changedSinceRead();
            }
        }
    }

    private static boolean concerns(WatchKey key, Path file) {
        boolean ours = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            // an OVERFLOW event has no context: something may have changed, so look
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || file.getFileName().equals(event.context())) {
                ours = true;
            }
        }
        return ours;
    }
}
