package io.cacheweaver.runtime.jmx;

import io.cacheweaver.runtime.CacheRuntime;
import io.cacheweaver.runtime.Site;
import java.util.List;

/** One rule's figures, summed over the methods it instruments, looked up by rule id on every read. */
final class RuleView extends SiteFiguresView implements RuleMXBean {
    private final CacheRuntime runtime;
    private final String ruleId;

    RuleView(CacheRuntime runtime, String ruleId) {
        this.runtime = runtime;
        this.ruleId = ruleId;
    }

    @Override
    List<Site> sites() {
        return ActiveSites.ofRule(runtime, ruleId);
    }

    @Override
    SiteTotals totals() {
        return SiteTotals.of(sites());
    }

    @Override
    public long getInvocations() {
        SiteTotals t = totals();
        return t.hits() + t.misses() + t.bypasses() + t.writes() + t.shadowHits();
    }

    @Override
    public long getTagEvictions() {
        return ActiveSites.ofRule(runtime, ruleId).stream().mapToLong(site -> site.counters().tagEvictions.sum()).sum();
    }

    @Override
    public String[] getWovenMethods() {
        List<Site> sites = ActiveSites.ofRule(runtime, ruleId);
        return sites.stream().map(site -> site.shape().display()).distinct().sorted().toArray(String[]::new);
    }

    @Override
    public long getBatchCalls() {
        return BatchFigures.sum(ActiveSites.ofRule(runtime, ruleId), c -> c.batchCalls.sum());
    }

    @Override
    public long getBatchElements() {
        return BatchFigures.sum(ActiveSites.ofRule(runtime, ruleId), c -> c.batchElements.sum());
    }

    @Override
    public long getBatchElementHits() {
        return BatchFigures.sum(ActiveSites.ofRule(runtime, ruleId), c -> c.batchElementHits.sum());
    }
}
