package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.Dispatcher;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.runtime.expr.CompileException;
import io.cacheweaver.runtime.remote.RemoteLayer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The runtime behind the bridge: dispatches each woven call to its site's compiled handler, and
 * wires the {@link SiteTable}, the caches and the shared layer together. Dispatch is one volatile
 * array read indexed by the site id baked into the bytecode; no lookup by name, nothing
 * allocated, and nothing thrown back into the application.
 */
public final class CacheRuntime implements Dispatcher {
    /** How long a caller waits for another thread's load of the same key before running the method itself. */
    public static final Duration DEFAULT_LOAD_WAIT = Duration.ofSeconds(5);

    private final SiteTable sites;
    private final RemoteLayer remote;
    private final TagInvalidation tags;

    public CacheRuntime(RulesFile rules) {
        this(rules, DEFAULT_LOAD_WAIT);
    }

    public CacheRuntime(RulesFile rules, Duration loadWait) {
        this(rules, loadWait, null);
    }

    /** {@code remote}: the shared layer, or {@code null} when the rules configure no Redis. */
    public CacheRuntime(RulesFile rules, Duration loadWait, RemoteLayer remote) {
        this.remote = remote;
        TagClock tagClock = new TagClock();
        this.tags = new TagInvalidation(tagClock, remote);
        this.sites = new SiteTable(rules, CacheDirectory.build(rules, remote, tagClock), loadWait.toNanos());
        sites.tagInvalidation = tags;
        if (remote != null) {
            remote.knownCaches(sharedCaches());
            // other instances' writes reach our local layers
            remote.onInvalidation(new LocalInvalidations(sites::caches, tagClock));
        }
    }

    public RemoteLayer remote() {
        return remote;
    }

    /** Where the weaver registers the methods it weaves. */
    public SiteTable siteTable() {
        return sites;
    }

    /** {@link SiteTable#register}. */
    public int register(Rule rule, MethodShape shape) throws CompileException {
        return sites.register(rule, shape);
    }

    /** The checks {@link #register} makes, for tools that only want to know (the validate command). */
    public static void checkApplicable(Rule rule, MethodShape shape) throws CompileException {
        SiteCompiler.checkShape(rule, shape);
    }

    @Override
    public Object enter(int site, Object self, Object[] args) {
        SiteHandler[] current = sites.handlers;
        if (site < 0 || site >= current.length) {
            return null;
        }
        try {
            return current[site].enter(self, args);
        } catch (Throwable t) {
            reportFailure(site, t);
            return null;
        }
    }

    @Override
    public Object enter1(int site, Object self, Object argument) {
        SiteHandler[] current = sites.handlers;
        if (site < 0 || site >= current.length) {
            return null;
        }
        try {
            return current[site].enter1(self, argument);
        } catch (Throwable t) {
            reportFailure(site, t);
            return null;
        }
    }

    @Override
    public Object enter2(int site, Object self, Object first, Object second) {
        SiteHandler[] current = sites.handlers;
        if (site < 0 || site >= current.length) {
            return null;
        }
        try {
            return current[site].enter2(self, first, second);
        } catch (Throwable t) {
            reportFailure(site, t);
            return null;
        }
    }

    @Override
    public Object enter3(int site, Object self, Object first, Object second, Object third) {
        SiteHandler[] current = sites.handlers;
        if (site < 0 || site >= current.length) {
            return null;
        }
        try {
            return current[site].enter3(self, first, second, third);
        } catch (Throwable t) {
            reportFailure(site, t);
            return null;
        }
    }

    @Override
    public Object enter2L(int site, Object self, long first, Object second) {
        SiteHandler[] current = sites.handlers;
        if (site < 0 || site >= current.length) {
            return null;
        }
        try {
            return current[site].enter2L(self, first, second);
        } catch (Throwable t) {
            reportFailure(site, t);
            return null;
        }
    }

    @Override
    public Object enter3L(int site, Object self, long first, Object second, Object third) {
        SiteHandler[] current = sites.handlers;
        if (site < 0 || site >= current.length) {
            return null;
        }
        try {
            return current[site].enter3L(self, first, second, third);
        } catch (Throwable t) {
            reportFailure(site, t);
            return null;
        }
    }

    /** Batch rules: the arguments with only the missing elements, see {@link BatchHandler}. */
    @Override
    public Object[] arguments(int site, Object token) {
        return token instanceof BatchHandler.BatchToken batch ? batch.bodyArgs : null;
    }

    @Override
    public void exit(int site, Object token, Object result, Throwable thrown) {
        if (!(token instanceof SiteHandler.Token own)) {
            return;
        }
        try {
            own.handler.exit(token, result, thrown);
        } catch (Throwable t) {
            reportFailure(site, t);
        }
    }

    @Override
    public Object complete(int site, Object token, Object result, Throwable thrown) {
        if (!(token instanceof SiteHandler.Token own)) {
            return null;
        }
        try {
            return own.handler.complete(token, result, thrown);
        } catch (Throwable t) {
            reportFailure(site, t);
            return null;
        }
    }

    /**
     * Applies new rules: new caches where their settings or writers changed, then every site
     * compiles again on its next call. Which methods are woven is the weaver's business; sites of
     * removed or re-targeted rules pass through. Reloads are serialized here too, so two callers
     * cannot build caches from the same previous generation.
     */
    public synchronized void reload(RulesFile newRules) {
        RulesFile previous = sites.rules();
        sites.swap(newRules, CacheDirectory.rebuild(newRules, sites.caches(), remote, CacheWriters.changed(previous, newRules),
                tags.clock()));
        if (remote != null) {
            remote.knownCaches(sharedCaches());
        }
    }

    /**
     * Evicts every entry tagged {@code tag}, in every cache, here, in Redis and (broadcast) in
     * every other instance: what an evict rule with that tag does (JMX {@code invalidateTag}).
     */
    public void invalidateTag(String tag) {
        tags.evict(tag);
        io.cacheweaver.runtime.http.HttpLayer.purgeInstalled(List.of(tag), List.of()); // the CDN too, when cdn.purge is set
    }

    /** Eviction by tag, for its counters. */
    public TagInvalidation tagInvalidation() {
        return tags;
    }

    /** The caches with a Redis layer: what an overflowing outbox clears. */
    private List<String> sharedCaches() {
        return sites.caches().values().stream().filter(c -> c.spec().usesRedis()).map(TieredCache::name).toList();
    }

    public RulesFile rules() {
        return sites.rules();
    }

    public Map<String, TieredCache> caches() {
        return sites.caches();
    }

    public List<Site> sites() {
        return sites.all();
    }

    private void reportFailure(int site, Throwable t) {
        AgentLog.warnRateLimited("site-failure-" + site, "rule " + sites.ruleOf(site) + ": internal error, the call ran uncached: "
                + t.getClass().getName() + (AgentLog.isDebug() ? ": " + t.getMessage() : ""));
    }
}
