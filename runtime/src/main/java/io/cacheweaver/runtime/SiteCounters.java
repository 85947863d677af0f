package io.cacheweaver.runtime;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one woven method under one rule. The hit path increments exactly one of them;
 * rule and cache figures are sums over sites, computed when someone reads them.
 */
public final class SiteCounters {
    /** The rule these counters belong to: slow-load reports name it. */
    public final String ruleId;
    public final LongAdder localHits = new LongAdder();
    public final LongAdder remoteHits = new LongAdder();
    public final LongAdder misses = new LongAdder();
    /** calls where {@code when} was false: the cache was not consulted */
    public final LongAdder bypasses = new LongAdder();
    public final LongAdder loads = new LongAdder();
    public final LongAdder loadFailures = new LongAdder();
    public final LongAdder loadNanos = new LongAdder();
    /** calls of put/evict rules */
    public final LongAdder writes = new LongAdder();
    /** refresh-ahead reloads that stored a new value */
    public final LongAdder refreshes = new LongAdder();
    /** refresh-ahead reloads that threw (the old value stayed) */
    public final LongAdder refreshFailures = new LongAdder();
    /** calls answered with a value past its ttl because the load failed or timed out (staleIfError) */
    public final LongAdder staleServed = new LongAdder();
    /** loads that did not finish within loadTimeout (the caller got the stale value) */
    public final LongAdder softTimeouts = new LongAdder();
    /** tags evicted by an evict rule with {@code tags} */
    public final LongAdder tagEvictions = new LongAdder();

    public SiteCounters() {
        this("?");
    }

    public SiteCounters(String ruleId) {
        this.ruleId = ruleId;
    }

    public void reset() {
        localHits.reset();
        remoteHits.reset();
        misses.reset();
        bypasses.reset();
        loads.reset();
        loadFailures.reset();
        loadNanos.reset();
        writes.reset();
        refreshes.reset();
        refreshFailures.reset();
        staleServed.reset();
        softTimeouts.reset();
        tagEvictions.reset();
    }
}
