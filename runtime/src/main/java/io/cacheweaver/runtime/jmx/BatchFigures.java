package io.cacheweaver.runtime.jmx;

import io.cacheweaver.runtime.Site;
import io.cacheweaver.runtime.SiteCounters;
import java.util.List;
import java.util.function.ToLongFunction;

/** The batch counters ({@code BatchCalls}, {@code BatchElements}, {@code BatchElementHits}) summed over sites when read. */
final class BatchFigures {
    private BatchFigures() {
    }

    static long sum(List<Site> sites, ToLongFunction<SiteCounters> figure) {
        long total = 0;
        for (Site site : sites) {
            total += figure.applyAsLong(site.counters());
        }
        return total;
    }
}
