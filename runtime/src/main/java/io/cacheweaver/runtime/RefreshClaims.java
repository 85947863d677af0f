package io.cacheweaver.runtime;

import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.remote.RemoteLayer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who reloads a key whose entry aged: at most one reload per key in this JVM (a future other
 * callers may wait on, for the soft timeout) and, with a shared layer, one across all instances
 * (a claim in the shared layer, taken without waiting).
 */
final class RefreshClaims {
    private final String cache;
    private final RemoteLayer remote; // null without a shared layer
    private final ConcurrentHashMap<Object, CompletableFuture<Object>> running = new ConcurrentHashMap<>();

    RefreshClaims(String cache, RemoteLayer remote) {
        this.cache = cache;
        this.remote = remote;
    }

    /** A future this caller now owns and must end with {@link #end}, or {@code null} when a reload already runs here or elsewhere. */
    CompletableFuture<Object> claim(Object key) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        if (running.putIfAbsent(key, mine) != null) {
            return null;
        }
        if (remote != null && !remote.tryClaimRefresh(cache, KeyTemplate.text(key))) {
            running.remove(key, mine);
            return null; // another instance reloads it; its store reaches us as an invalidation
        }
        return mine;
    }

    /** The reload of {@code key} running in this JVM, or {@code null}. */
    CompletableFuture<Object> running(Object key) {
        return running.get(key);
    }

    void end(Object key, CompletableFuture<Object> claim) {
        if (running.remove(key, claim) && remote != null) {
            remote.releaseRefresh(cache, KeyTemplate.text(key));
        }
    }
}
