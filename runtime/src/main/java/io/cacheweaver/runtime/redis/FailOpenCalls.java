package io.cacheweaver.runtime.redis;

import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.metrics.RemoteTimings;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;

/**
 * How every command of {@link RedisLayer} reaches Redis: through the {@link CircuitBreaker}, timed,
 * and fail-open. A Redis that is down, frozen, slow or returns garbage costs at most one bounded
 * timeout per call until the breaker opens, and is then skipped for a while; failures are counted
 * per cache and logged at most once a minute, naming the endpoint without its password and never
 * a key or value. Its own class so that the layer's commands say what they do to Redis, and this
 * says once what happens when Redis does not answer.
 */
final class FailOpenCalls {
    private final RedisConnections connections;
    private final RedisEndpoint endpoint;
    private final String where; // the endpoint as messages name it: the url, or the sentinels' master
    private final InvalidationWriter writer;
    private final CircuitBreaker breaker;
    private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final RemoteTimings timings = new RemoteTimings();
    private volatile boolean closed;

    FailOpenCalls(RedisConnections connections, RedisEndpoint endpoint, String where, RedisOptions options,
                  InvalidationWriter writer) {
        this.connections = connections;
        this.endpoint = endpoint;
        this.where = where;
        this.writer = writer;
        this.breaker = new CircuitBreaker(options.breakerFailures(), options.breakerOpen().toNanos(), new CircuitBreaker.Transitions() {
            @Override
            public void opened(int failures) {
                AgentLog.warn("redis " + where + ": " + failures + " failures in a row; not using Redis for "
                        + options.breakerOpen().toMillis() + " ms at a time (caches work locally meanwhile)");
            }

            @Override
            public void closed() {
                AgentLog.info("redis " + where + ": reachable again; using Redis");
            }
        });
    }

    /**
     * Runs one unit of work against Redis through the breaker: the result, or {@code null} when
     * the breaker is open or the work failed (then counted and logged, rate-limited).
     */
    <T> T call(String cache, String operation, Function<UnifiedJedis, T> work) {
        if (closed || !breaker.allow()) {
            return null;
        }
        long start = System.nanoTime();
        try {
            UnifiedJedis redis = connections.shared();
            if (writer.pending()) {
                writer.replay(redis);
            }
            T result = work.apply(redis);
            timings.record(cache, operation, System.nanoTime() - start);
            breaker.success();
            return result;
        } catch (RuntimeException | LinkageError e) {
            timings.record(cache, operation, System.nanoTime() - start); // a timeout is the slowest call of all
            breaker.failure();
            count(cache);
            AgentLog.warnRateLimited("redis-" + operation, "redis " + where + ": " + operation + " failed for cache "
                    + cache + " (" + safeDescription(e) + "); treated as a miss");
            return null;
        }
    }

    /** One more failure of {@code cache} (a call, or a value that does not encode or decode). */
    void count(String cache) {
        errors.computeIfAbsent(cache, c -> new LongAdder()).increment();
    }

    long errors(String cache) {
        LongAdder count = errors.get(cache);
        return count == null ? 0 : count.sum();
    }

    RemoteTimings timings() {
        return timings;
    }

    /** Every later call returns {@code null} at once, without touching Redis. */
    void close() {
        closed = true;
    }

    /** Type and message of a failure, with the password (should a message ever echo it) masked. */
    private String safeDescription(Throwable t) {
        String text = AgentLog.describe(t);
        String password = endpoint.password();
        return password == null ? text : text.replace(password, "***");
    }
}
