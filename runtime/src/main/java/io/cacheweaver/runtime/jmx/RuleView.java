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
    SiteTotals totals() {
        return SiteTotals.of(ActiveSites.ofRule(runtime, ruleId));
    }

    @Override
    public long getInvocations() {
        SiteTotals t = totals();
        return t.hits() + t.misses() + t.bypasses() + t.writes();
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
}
