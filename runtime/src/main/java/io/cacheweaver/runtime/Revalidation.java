package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.rules.Freshness;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a cache-aside site does with a hit on an entry that has aged: due for a refresh
 * ({@code refreshAfter}: answer with it at once and reload it once, in the background or on the
 * first caller's thread), or stale ({@code staleIfError}: load as on a miss, keeping the stale
 * value to answer with if the load fails, or if it takes longer than {@code loadTimeout}).
 * Reloads on agent threads call the woven method again through an {@link Invoker}; the advice
 * lets exactly that call through to the method body.
 */
final class Revalidation {
    private final TieredCache cache;
    private final Reader reader;
    private final Freshness freshness;
    private final Invoker invoker; // null: the method cannot be called again (reloads then run on callers' threads only)
    private final long loadTimeoutNanos;
    private final String ruleId;

    Revalidation(TieredCache cache, Reader reader, Invoker invoker) {
        this.cache = cache;
        this.reader = reader;
        this.freshness = cache.spec().freshness();
        this.invoker = invoker;
        this.loadTimeoutNanos = freshness.loadTimeout() == null ? 0 : freshness.loadTimeout().toNanos();
        this.ruleId = reader.counters().ruleId;
    }

    /** The outcome of a hit on an aged entry, as {@link TieredCache#read}: a {@link CacheHit}, or a {@link Load} to run. */
    Object aged(SiteHandler site, LocalEntry entry, Object key, Object self, Object[] args) {
        if (Thread.currentThread() instanceof ReplayThread reload) {
            if (reload.consume(site, key)) {
                Object outcome = cache.readForRefresh(key, reader); // this call is the reload itself
                if (outcome instanceof Load load) {
                    load.refresh = reload.consumedRefresh(); // counted when it ends, before its value is visible
                }
                return outcome;
            }
            // another cached call made by a reload (or a write-behind write): never start or wait for
            // a reload from an agent thread (it could wait on its own claim); answer as a cache without freshness would
            return entry.stale(System.nanoTime()) ? cache.read(key, reader, entry) : hit(entry);
        }
        if (!entry.stale(System.nanoTime())) {
            return dueForRefresh(site, entry, key, self, args);
        }
        if (loadTimeoutNanos > 0) {
            CompletableFuture<Object> load = reload(site, key, self, args, false);
            if (load != null) {
                return await(load, key, entry, true);
            }
        }
        return cache.read(key, reader, entry); // a miss, with the stale value to fall back on
    }

    private Object dueForRefresh(SiteHandler site, LocalEntry entry, Object key, Object self, Object[] args) {
        if (freshness.refreshIn() == Freshness.RefreshIn.CALLER || invoker == null) {
            if (loadTimeoutNanos > 0 && invoker != null) {
                CompletableFuture<Object> claimed = cache.refreshes().running(key) == null ? reload(site, key, self, args, true) : null;
                return claimed == null ? hit(entry) : await(claimed, key, entry, false);
            }
            CompletableFuture<Object> claim = cache.refreshes().claim(key);
            if (claim == null) {
                return hit(entry); // another caller (or instance) refreshes it
            }
            Object outcome = cache.readForRefresh(key, reader);
            if (outcome instanceof Load load) {
                load.refresh = true;
                load.claim = claim;
                load.stale = entry; // if the refresh throws, this caller still gets the value it would have had
                return load;
            }
            cache.refreshes().end(key, claim);
            return outcome;
        }
        reload(site, key, self, args, true);
        return hit(entry);
    }

    private CacheHit hit(LocalEntry entry) {
        reader.counters().localHits.increment();
        return entry;
    }

    /**
     * Starts a reload of {@code key} on an agent thread with this call's receiver and arguments,
     * or joins the one running in this JVM. {@code null} when none can run here: another instance
     * reloads it, the method cannot be called again, or the pool is saturated.
     */
    private CompletableFuture<Object> reload(SiteHandler site, Object key, Object self, Object[] args, boolean refresh) {
        if (invoker == null) {
            return null;
        }
        CompletableFuture<Object> claim = cache.refreshes().claim(key);
        if (claim == null) {
            return cache.refreshes().running(key);
        }
        boolean started = RefreshPool.offer(() -> {
            try {
                claim.complete(((ReplayThread) Thread.currentThread()).replay(site, key, refresh, invoker, self, args));
            } catch (Throwable t) {
                claim.completeExceptionally(t); // counted by the load that failed; the entry stays as it was
            } finally {
                cache.refreshes().end(key, claim);
            }
        });
        if (!started) {
            cache.refreshes().end(key, claim);
            claim.cancel(false);
            return null;
        }
        return claim;
    }

    /** Waits for a reload at most loadTimeout: its value, or the old one (the reload goes on and stores its result). */
    private Object await(CompletableFuture<Object> load, Object key, LocalEntry old, boolean stale) {
        try {
            Object value = load.get(loadTimeoutNanos, TimeUnit.NANOSECONDS);
            return reader.fits(value) ? new CacheHit(value) : old;
        } catch (TimeoutException slow) {
            reader.counters().softTimeouts.increment();
            return served(old, stale, "the load took longer than loadTimeout");
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof Error) {
                return cache.read(key, reader); // an Error must reach the caller: let it run the method itself
            }
            return served(old, stale, "the load failed (" + failed.getCause().getClass().getName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the application's interrupt; just stop waiting
            return served(old, stale, "the caller was interrupted");
        } catch (java.util.concurrent.CancellationException e) {
            return served(old, stale, "the load was cancelled");
        }
    }

    private CacheHit served(LocalEntry old, boolean stale, String why) {
        if (stale) {
            staleServed(why);
        } else {
            reader.counters().localHits.increment();
        }
        return old;
    }

    /** Counts a stale value served and says so, at most once a minute per rule; never the value. */
    void staleServed(String why) {
        reader.counters().staleServed.increment();
        AgentLog.warnRateLimited("stale-served|" + ruleId, "rule " + ruleId + ": served a value past its ttl because " + why
                + " (staleIfError); at most one such line per rule per minute");
    }
}
