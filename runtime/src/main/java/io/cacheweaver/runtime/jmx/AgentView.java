package io.cacheweaver.runtime.jmx;

import io.cacheweaver.runtime.CacheRuntime;
import io.cacheweaver.runtime.WriteBehindPool;
import io.cacheweaver.runtime.remote.InvalidationCounts;
import java.util.function.Supplier;

/** The Agent MBean: rules-loading state, plus a reload that the agent (which can retransform) performs. */
public final class AgentView implements AgentMXBean {
    private final CacheRuntime runtime;
    private final AgentStatus status;
    private final Supplier<String> reload;

    /** {@code reload} reloads the rules file and returns a one-line outcome; it must not throw. */
    public AgentView(CacheRuntime runtime, AgentStatus status, Supplier<String> reload) {
        this.runtime = runtime;
        this.status = status;
        this.reload = reload;
    }

    @Override
    public String getRulesFile() {
        return status.state().rulesFile();
    }

    @Override
    public String getRulesLoadedAt() {
        return status.state().loadedAt().toString();
    }

    @Override
    public int getRuleCount() {
        return runtime.rules().rules().size();
    }

    @Override
    public int getWovenMethodCount() {
        return ActiveSites.methods(runtime).size();
    }

    @Override
    public String getLastError() {
        return status.state().lastError();
    }

    @Override
    public String flushWriteBehind() {
        ReadOnlyMode.allow("flushWriteBehind");
        return WriteBehindPool.flush();
    }

    @Override
    public long getTagEvictions() {
        return runtime.tagInvalidation().evictions();
    }

    @Override
    public long getExternalInvalidations() {
        return counts().external();
    }

    @Override
    public long getInvalidationsDeferred() {
        return counts().deferred();
    }

    @Override
    public long getInvalidationsReplayed() {
        return counts().replayed();
    }

    @Override
    public long getInvalidationMessagesRejected() {
        return counts().rejected();
    }

    private InvalidationCounts counts() {
        return runtime.remote() == null ? InvalidationCounts.ZERO : runtime.remote().invalidationCounts();
    }

    @Override
    public String invalidateTag(String tag) {
        ReadOnlyMode.allow("invalidateTag");
        if (tag == null || tag.isEmpty()) {
            return "no tag given";
        }
        runtime.invalidateTag(tag);
        return "evicted tag " + tag;
    }

    @Override
    public String reloadRules() {
        ReadOnlyMode.allow("reloadRules");
        return reload.get();
    }
}
