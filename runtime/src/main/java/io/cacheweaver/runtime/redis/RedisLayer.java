package io.cacheweaver.runtime.redis;

import io.cacheweaver.rules.RedisSettings;
import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.metrics.RemoteTimings;
import io.cacheweaver.runtime.settings.AgentSettings;
import io.cacheweaver.runtime.remote.InvalidationListener;
import io.cacheweaver.runtime.remote.RemoteLayer;
import io.cacheweaver.runtime.remote.ValueType;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;

/**
 * The shared layer on Redis (Jedis). Every method is fail-open: a Redis that is down, frozen,
 * slow or returns garbage costs at most one bounded timeout per call until the
 * {@link CircuitBreaker} opens, and is then skipped for a while (see {@link FailOpenCalls}).
 * Nothing connects until the first call: premain only builds this object.
 * <p>
 * A facade: the work is done by {@link SingleKeyCommands} and {@link RedisBatches} (reads and
 * stores), {@link InvalidationWriter} (evicts, sent now or later from the outbox),
 * {@link InvalidationChannel} (what the other instances evict), {@link Leases} and
 * {@link HotKeys}.
 */
public final class RedisLayer implements RemoteLayer {
    private final RedisEndpoint endpoint;
    final RedisOptions options;
    final RedisKeys keys;
    final JsonCodec codec;
    private final FailOpenCalls calls;
    private final Generations generations;
    private final InvalidationChannel invalidations; // null when turned off
    private final Leases leases;
    private final HotKeys hotKeys;
    final ConditionalSet conditional;
    private final RedisBatches batches = new RedisBatches(this);
    private final SingleKeyCommands singleKeys;
    private final RedisConnections connections;
    private final String instanceId = UUID.randomUUID().toString();
    private final TagGenerations tagGenerations;
    final StoredForm storedForm;
    private final InvalidationTraffic traffic = new InvalidationTraffic();
    private final InvalidationWriter writer;

    public RedisLayer(RedisSettings settings, RedisOptions options) {
        this.endpoint = RedisEndpoint.parse(settings.url());
        // the endpoint as messages name it: the url, or the sentinels' master
        String where = settings.sentinel() == null ? endpoint.toString()
                : "sentinel master " + settings.sentinel().master() + " via " + String.join(",", settings.sentinel().nodes());
        this.options = options;
        this.keys = new RedisKeys(settings.keyPrefix() == null ? RedisSettings.DEFAULT_KEY_PREFIX : settings.keyPrefix());
        // redis.maxValueSize in the rules, else the operator's redis.maxValueBytes
        int maxValueBytes = settings.values().maxValueSize() > 0 ? settings.values().maxValueSize() : options.maxValueBytes();
        this.codec = new JsonCodec(maxValueBytes, settings.values());
        this.generations = new Generations(keys, options.generationRefresh().toNanos());
        this.connections = new RedisConnections(endpoint, options, settings.cluster(), settings.sentinel());
        this.writer = new InvalidationWriter(this, settings.outboxSize(), options.pingInterval().toMillis(), traffic);
        this.calls = new FailOpenCalls(connections, endpoint, where, options, writer);
        this.invalidations = options.invalidation()
                ? new InvalidationChannel(keys.channel(), instanceId, connections::subscriber, options.pingInterval().toMillis(),
                generations, where, codec::warmUp)
                : null;
        this.leases = new Leases(this, keys, instanceId, options.leaseTime().toMillis());
        this.hotKeys = new HotKeys(this, keys, calls::count);
        this.conditional = new ConditionalSet(instanceId);
        this.tagGenerations = new TagGenerations(keys, options.generationRefresh().toNanos(), settings.cluster());
        this.storedForm = new StoredForm(codec, maxValueBytes, tagGenerations, options.tagRetention().toMillis(), calls::count);
        this.singleKeys = new SingleKeyCommands(this, calls, writer);
        if (invalidations != null) {
            invalidations.tagsAndTraffic(tagGenerations, traffic);
        }
    }

    /** The layer for {@code settings} (tuned by the operator's {@code redis.*} knobs), or {@code null} when the URL is unusable. */
    public static RedisLayer create(RedisSettings settings, AgentSettings knobs) {
        try {
            return new RedisLayer(settings, RedisOptions.from(settings, knobs));
        } catch (RuntimeException e) {
            AgentLog.error("redis " + settings.redactedUrl() + ": cannot be used (" + e.getClass().getSimpleName()
                    + "); caches work locally only");
            return null;
        }
    }

    @Override
    public void onInvalidation(InvalidationListener listener) {
        if (invalidations != null) {
            invalidations.listener(listener);
            invalidations.start(); // a daemon thread connects in the background, never the caller
        }
    }

    @Override
    public RemoteHit get(String cache, String key, ValueType type) {
        return read(cache, key, type).hit();
    }

    @Override
    public RemoteRead read(String cache, String key, ValueType type) {
        return singleKeys.read(cache, key, type);
    }

    /** {@link SingleKeyCommands#decode}: for {@link RedisBatches}, whose reads end as a single read does. */
    RemoteHit decode(String cache, byte[] dataKey, byte[] stored, ValueType type) {
        return singleKeys.decode(cache, dataKey, stored, type);
    }

    @Override
    public void put(String cache, String key, Object value, long ttlMillis, long freshMillis) {
        put(cache, key, value, ttlMillis, freshMillis, null, null);
    }

    @Override
    public void put(String cache, String key, Object value, long ttlMillis, long freshMillis, ValueType type, String[] tags) {
        singleKeys.put(cache, key, value, ttlMillis, freshMillis, type, tags);
    }

    @Override
    public boolean putLoaded(String cache, String key, Object value, long ttlMillis, long freshMillis, Object seen) {
        return putLoaded(cache, key, value, ttlMillis, freshMillis, seen, null, null);
    }

    @Override
    public boolean putLoaded(String cache, String key, Object value, long ttlMillis, long freshMillis, Object seen, ValueType type,
                             String[] tags) {
        return singleKeys.putLoaded(cache, key, value, ttlMillis, freshMillis, seen, type, tags);
    }

    /** A tombstone rather than DEL: loads that started before this evict must not store afterwards (ConditionalSet). */
    @Override
    public void evict(String cache, String key) {
        writer.invalidate(cache, "evict", new Outbox.Key(cache, key));
    }

    @Override
    public List<RemoteRead> readMany(String cache, List<String> keys, ValueType type) {
        return batches.readMany(cache, keys, type);
    }

    @Override
    public void putMany(String cache, List<String> keys, List<Object> values, long[] ttlMillis, long[] freshMillis) {
        batches.putMany(cache, keys, values, ttlMillis, freshMillis);
    }

    @Override
    public boolean[] putLoadedMany(String cache, List<String> keys, List<Object> values, long[] ttlMillis, long[] freshMillis,
                                   Object[] seen) {
        return batches.putLoadedMany(cache, keys, values, ttlMillis, freshMillis, seen);
    }

    @Override
    public void evictMany(String cache, List<String> keys) {
        batches.evictMany(cache, keys);
    }

    @Override
    public void evictAll(String cache) {
        writer.invalidate(cache, "incr", new Outbox.All(cache));
    }

    @Override
    public void evictTags(java.util.Collection<String> tags) {
        for (String tag : tags) {
            writer.invalidate("(tags)", "tag eviction", new Outbox.Tag(tag));
        }
    }

    @Override
    public void knownCaches(java.util.Collection<String> caches) {
        writer.knownCaches(caches);
    }

    @Override
    public io.cacheweaver.runtime.remote.InvalidationCounts invalidationCounts() {
        return traffic.counts();
    }

    /**
     * For {@code invalidate} (the command line): applies one invalidation to Redis and publishes it
     * in the documented JSON format, at once and without the circuit breaker. Throws when Redis
     * fails; bounded by the connect and command timeouts.
     */
    public void invalidateNow(String cache, String key, String tag) {
        writer.writeAndPublish(connections.shared(), cache, key, tag);
    }

    @Override
    public RemoteHit awaitPeerLoad(String cache, String key, ValueType type) {
        return leases.await(cache, key, type);
    }

    @Override
    public boolean tryClaimRefresh(String cache, String key) {
        return leases.tryClaimRefresh(cache, key);
    }

    @Override
    public void releaseRefresh(String cache, String key) {
        leases.releaseRefresh(cache, key);
    }

    @Override
    public void releaseLoad(String cache, String key) {
        leases.release(cache, key);
    }

    @Override
    public java.util.List<String> hotKeys(String cache, int top) {
        return hotKeys.hottest(cache, top);
    }

    @Override
    public void recordHotKeys(String cache, java.util.List<String> hottestFirst, int top) {
        hotKeys.record(cache, hottestFirst, top);
    }

    @Override
    public java.util.Map<String, Stored> fetch(String cache, java.util.List<String> wanted) {
        return hotKeys.fetch(cache, wanted);
    }

    @Override
    public RemoteHit decode(String cache, Stored stored, ValueType type) {
        return hotKeys.decode(cache, stored, type);
    }

    @Override
    public long errors(String cache) {
        return calls.errors(cache);
    }

    @Override
    public RemoteTimings timings() {
        return calls.timings();
    }

    @Override
    public synchronized void close() {
        writer.close(); // one last replay attempt first
        calls.close();
        if (invalidations != null) {
            invalidations.close();
        }
        connections.close();
    }

    /** {@link InvalidationChannel#awaitFirstAttempt}; at once when invalidation is off. */
    public void awaitFirstSubscription(long millis) {
        if (invalidations != null) {
            invalidations.awaitFirstAttempt(millis);
        }
    }

    /** Whether invalidation messages are being received right now. */
    public boolean listening() {
        return invalidations != null && invalidations.subscribed();
    }

    /** {@link FailOpenCalls#call}: how {@link Leases}, {@link HotKeys}, {@link RedisBatches} and the writer reach Redis. */
    <T> T call(String cache, String operation, Function<UnifiedJedis, T> work) {
        return calls.call(cache, operation, work);
    }

    /** {@link Generations#current}: the generation every data key of {@code cache} is written under now. */
    long generation(UnifiedJedis redis, String cache) {
        return generations.current(redis, cache);
    }

    /** The endpoint as log lines name it (no password). */
    String endpointName() {
        return endpoint.toString();
    }

    TagGenerations tagGenerations() {
        return tagGenerations;
    }

    void generationAdvanced(String cache, long generation) {
        generations.advanced(cache, generation);
    }

    void publish(UnifiedJedis redis, char op, long generation, String cache, String key) {
        if (invalidations != null) {
            redis.publish(keys.channel(), new PeerMessage(instanceId, op, generation, cache, key).format());
        }
    }
}
