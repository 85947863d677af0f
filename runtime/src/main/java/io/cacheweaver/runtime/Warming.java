package io.cacheweaver.runtime;

import io.cacheweaver.rules.Warm;
import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.remote.RemoteLayer;
import io.cacheweaver.runtime.remote.RemoteLayer.Stored;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Pre-warming ({@code warm:}). At startup, on a daemon thread, so neither {@code premain} nor the
 * application's {@code main} waits: the hot keys other runs recorded are fetched (from Redis in
 * pipelined batches, or from the snapshot file) and parked in their caches until their first
 * read. While the application runs, each Redis-backed cache's hottest keys are recorded every
 * {@code warm.recordInterval}; at orderly shutdown they are recorded once more and snapshot files
 * are written. Nothing here starts when no cache has {@code warm}.
 */
public final class Warming {
    private static final int BATCH = 500;

    private final Supplier<Map<String, TieredCache>> caches;
    private final RemoteLayer remote;

    private Warming(Supplier<Map<String, TieredCache>> caches, RemoteLayer remote) {
        this.caches = caches;
        this.remote = remote;
    }

    /** Starts warming in the background when some cache has {@code warm}; {@code remote} may be {@code null}. */
    public static void start(Supplier<Map<String, TieredCache>> caches, RemoteLayer remote, Duration recordEvery) {
        if (caches.get().values().stream().noneMatch(c -> c.spec().warm() != null)) {
            return;
        }
        Warming warming = new Warming(caches, remote);
        Thread worker = new Thread(() -> warming.run(recordEvery.toMillis()), "cacheweaver-warm");
        worker.setDaemon(true);
        worker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(warming::atShutdown, "cacheweaver-warm-shutdown"));
    }

    private void run(long recordEveryMillis) {
        try {
            warmAll();
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(recordEveryMillis); // a schedule, not a synchronization: nothing waits for this thread
                recordHotKeys();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError e) {
            AgentLog.warn("pre-warming stopped: " + AgentLog.describe(e));
        }
    }

    private void warmAll() {
        long began = System.nanoTime();
        StringJoiner done = new StringJoiner(", ");
        long total = 0;
        Map<Path, SnapshotFile.Contents> files = new HashMap<>();
        for (TieredCache cache : caches.get().values()) {
            Warm warm = cache.spec().warm();
            if (warm == null) {
                continue;
            }
            boolean fromRedis = cache.spec().usesRedis() && remote != null;
            int count = fromRedis ? fromRedis(cache, warm) : fromFile(cache, warm, files);
            total += count;
            done.add(cache.name() + " " + count + (fromRedis ? " from redis" : " from " + warm.file()));
        }
        AgentLog.info("pre-warming done: " + total + " entries in " + (System.nanoTime() - began) / 1_000_000 + " ms ("
                + done + ")");
    }

    private int fromRedis(TieredCache cache, Warm warm) {
        List<String> hot = remote.hotKeys(cache.name(), warm.top());
        int count = 0;
        for (int from = 0; from < hot.size(); from += BATCH) {
            List<String> batch = hot.subList(from, Math.min(hot.size(), from + BATCH));
            Map<String, Long> stamps = new LinkedHashMap<>();
            for (String key : batch) {
                stamps.put(key, cache.stampForWarming(KeyTemplate.canonical(key)));
            }
            Map<String, Stored> fetched = remote.fetch(cache.name(), batch);
            long now = System.nanoTime();
            for (Map.Entry<String, Stored> e : fetched.entrySet()) {
                WarmedEntries.Parked parked = new WarmedEntries.Parked(e.getValue(), now + e.getValue().ttlMillis() * 1_000_000, true);
                if (cache.park(KeyTemplate.canonical(e.getKey()), parked, stamps.get(e.getKey()))) {
                    count++;
                }
            }
        }
        return count;
    }

    private int fromFile(TieredCache cache, Warm warm, Map<Path, SnapshotFile.Contents> files) {
        if (warm.file() == null) {
            return 0;
        }
        SnapshotFile.Contents contents = files.computeIfAbsent(warm.file(), file -> {
            try {
                return SnapshotFile.read(file);
            } catch (IOException | RuntimeException e) {
                AgentLog.warn("pre-warming: cannot read " + file + " (" + AgentLog.describe(e) + "); nothing warmed from it");
                return new SnapshotFile.Contents(List.of(), 0);
            }
        });
        int count = 0;
        long now = System.nanoTime();
        for (SnapshotFile.Entry e : contents.entries()) {
            if (count >= warm.top() || !e.cache().equals(cache.name())) {
                continue;
            }
            Object key = KeyTemplate.canonical(e.key());
            long stamp = cache.stampForWarming(key);
            Stored stored = new Stored(e.stored(), e.freshMillis());
            if (cache.park(key, new WarmedEntries.Parked(stored, now + e.freshMillis() * 1_000_000, false), stamp)) {
                count++;
            }
        }
        return count;
    }

    private void recordHotKeys() {
        for (TieredCache cache : caches.get().values()) {
            Warm warm = cache.spec().warm();
            if (warm != null && cache.spec().usesRedis() && remote != null) {
                List<String> keys = new ArrayList<>();
                for (LocalLayer.Hot hot : cache.hottest(warm.top())) {
                    keys.add(KeyTemplate.text(hot.key()));
                }
                remote.recordHotKeys(cache.name(), keys, warm.top());
            }
        }
    }

    /** Orderly shutdown: the hot keys once more, and the snapshot files (caches sharing a file are written together). */
    private void atShutdown() {
        try {
            recordHotKeys();
            Map<Path, List<SnapshotFile.Entry>> byFile = new LinkedHashMap<>();
            for (TieredCache cache : caches.get().values()) {
                Warm warm = cache.spec().warm();
                if (warm != null && warm.file() != null && !(cache.spec().usesRedis() && remote != null)) {
                    byFile.computeIfAbsent(warm.file(), f -> new ArrayList<>()).addAll(SnapshotFile.entriesOf(cache, warm.top()));
                }
            }
            for (Map.Entry<Path, List<SnapshotFile.Entry>> file : byFile.entrySet()) {
                SnapshotFile.write(file.getKey(), file.getValue());
                AgentLog.info("pre-warming: wrote " + file.getValue().size() + " entries to " + file.getKey());
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            AgentLog.warn("pre-warming: could not save the hot entries at shutdown (" + AgentLog.describe(e) + ")");
        }
    }
}
