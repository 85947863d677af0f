package io.cacheweaver.runtime.metrics;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long the shared layer's calls took, per cache and per operation ({@code get}, {@code set},
 * ...), and the slow-call report. One per remote layer; written after each Redis round trip,
 * read by JMX and the Prometheus endpoint.
 */
public final class RemoteTimings {
    /**
     * The operations the Redis layer performs, so that their series exist (at 0) before the first
     * call; an operation not listed here gets its histogram on its first call.
     */
    public static final List<String> KNOWN_OPERATIONS = List.of("get", "set", "del", "evict", "incr", "lease", "release",
            "refresh-claim");

    private final ConcurrentHashMap<String, Map<String, LatencyHistogram>> byCache = new ConcurrentHashMap<>();

    /** After one call of {@code operation} for {@code cache}, failed or not. */
    public void record(String cache, String operation, long nanos) {
        operations(cache).computeIfAbsent(operation, op -> new LatencyHistogram()).record(nanos);
        SlowRemoteCalls.check(cache, operation, nanos);
    }

    /** Operation → histogram for {@code cache}, the known operations always present; a live view. */
    public Map<String, LatencyHistogram> of(String cache) {
        return Collections.unmodifiableMap(operations(cache));
    }

    private Map<String, LatencyHistogram> operations(String cache) {
        Map<String, LatencyHistogram> found = byCache.get(cache);
        if (found != null) {
            return found;
        }
        Map<String, LatencyHistogram> fresh = new ConcurrentHashMap<>();
        for (String op : KNOWN_OPERATIONS) {
            fresh.put(op, new LatencyHistogram());
        }
        Map<String, LatencyHistogram> raced = byCache.putIfAbsent(cache, fresh);
        return raced == null ? fresh : raced;
    }
}
