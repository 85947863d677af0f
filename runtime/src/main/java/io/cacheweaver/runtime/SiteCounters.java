package io.cacheweaver.runtime;

import io.cacheweaver.runtime.metrics.LatencyHistogram;
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
    /** loads' durations, for percentiles and the Prometheus histogram (recorded with loadNanos) */
    public final LatencyHistogram loadTimes = new LatencyHistogram();
    /** shadow mode: calls that would have been hits, mismatches included */
    public final LongAdder shadowHits = new LongAdder();
    /** shadow mode: would-be hits whose cached value differed from the method's result */
    public final LongAdder shadowMismatches = new LongAdder();
    /** write-behind writes waiting for their turn (a gauge, after coalescing; never reset) */
    public final LongAdder writeBehindPending = new LongAdder();
    /** write-behind bodies that completed */
    public final LongAdder writeBehindWritten = new LongAdder();
    /** write-behind calls replaced by a later call for the same key before their body ran */
    public final LongAdder writeBehindCoalesced = new LongAdder();
    /** write-behind writes given up after their retries (the key was evicted) */
    public final LongAdder writeBehindFailures = new LongAdder();
    /** write-behind calls that found the queue full and ran their body on the caller's thread */
    public final LongAdder writeBehindOverflows = new LongAdder();

    /** batch rules ({@code each}): calls, elements requested, and elements served from a cache layer */
    public final LongAdder batchCalls = new LongAdder();
    public final LongAdder batchElements = new LongAdder();
    public final LongAdder batchElementHits = new LongAdder();
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
        loadTimes.reset();
        shadowHits.reset();
        shadowMismatches.reset();
        writeBehindWritten.reset();
        writeBehindCoalesced.reset();
        writeBehindFailures.reset();
        writeBehindOverflows.reset();
        batchCalls.reset();
        batchElements.reset();
        batchElementHits.reset();
        tagEvictions.reset();
    }
}
