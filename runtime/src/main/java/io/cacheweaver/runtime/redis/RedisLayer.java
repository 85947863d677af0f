package io.cacheweaver.runtime.redis;

import io.cacheweaver.rules.RedisSettings;
import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.metrics.RemoteTimings;
import io.cacheweaver.runtime.settings.AgentSettings;
import io.cacheweaver.runtime.remote.InvalidationListener;
import io.cacheweaver.runtime.remote.RemoteLayer;
import io.cacheweaver.runtime.remote.ValueType;
import java.io.IOException;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The shared layer on Redis (Jedis). Every method is fail-open: a Redis that is down, frozen,
 * slow or returns garbage costs at most one bounded timeout per call until the
 * {@link CircuitBreaker} opens, and is then skipped for a while; failures are counted per cache
 * and logged at most once a minute, naming the endpoint without its password and never a key
 * or value. Nothing connects until the first call: premain only builds this object.
 */
public final class RedisLayer implements RemoteLayer {
    private final RedisEndpoint endpoint;
    private final String where; // the endpoint as messages name it: the url, or the sentinels' master
    final RedisOptions options;
    final RedisKeys keys;
    final JsonCodec codec;
    private final CircuitBreaker breaker;
    private final Generations generations;
    private final InvalidationChannel invalidations; // null when turned off
    private final Leases leases;
    private final HotKeys hotKeys;
    final ConditionalSet conditional;
    private final RedisBatches batches = new RedisBatches(this);
    private final RedisConnections connections;
    private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final RemoteTimings timings = new RemoteTimings();
    private final int maxValueBytes; // redis.maxValueSize in the rules, else the operator's redis.maxValueBytes
    private final String instanceId = UUID.randomUUID().toString();
    private final TagGenerations tagGenerations;
    final StoredForm storedForm;
    private final InvalidationTraffic traffic = new InvalidationTraffic();
    private final InvalidationWriter writer;
    private volatile boolean closed;

    public RedisLayer(RedisSettings settings, RedisOptions options) {
        this.endpoint = RedisEndpoint.parse(settings.url());
        this.where = settings.sentinel() == null ? endpoint.toString()
                : "sentinel master " + settings.sentinel().master() + " via " + String.join(",", settings.sentinel().nodes());
        this.options = options;
        this.keys = new RedisKeys(settings.keyPrefix() == null ? RedisSettings.DEFAULT_KEY_PREFIX : settings.keyPrefix());
        this.maxValueBytes = settings.values().maxValueSize() > 0 ? settings.values().maxValueSize() : options.maxValueBytes();
        this.codec = new JsonCodec(maxValueBytes, settings.values());
        this.generations = new Generations(options.generationRefresh().toNanos());
        this.connections = new RedisConnections(endpoint, options, settings.cluster(), settings.sentinel());
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
        this.invalidations = options.invalidation()
                ? new InvalidationChannel(keys.channel(), instanceId, connections::subscriber, options.pingInterval().toMillis(),
                generations, where, codec::warmUp)
                : null;
        this.leases = new Leases(this, keys, instanceId, options.leaseTime().toMillis());
        this.hotKeys = new HotKeys(this, keys);
        this.conditional = new ConditionalSet(instanceId);
        this.tagGenerations = new TagGenerations(keys, options.generationRefresh().toNanos(), settings.cluster());
        this.storedForm = new StoredForm(codec, maxValueBytes, tagGenerations, options.tagRetention().toMillis(), this::count);
        if (invalidations != null) {
            invalidations.tagsAndTraffic(tagGenerations, traffic);
        }
        this.writer = new InvalidationWriter(this, settings.outboxSize(), options.pingInterval().toMillis(), traffic);
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
        boolean[] outdated = {false}; // a tag of the stored value was evicted after it was stored: a miss
        ConditionalSet.Seen seen = call(cache, "get", redis -> {
            byte[] dataKey = keys.data(cache, generation(redis, cache), key);
            byte[] stored = redis.get(dataKey);
            if (stored != null && !codec.fits(stored)) {
                redis.del(dataKey);
                stored = null;
            }
            outdated[0] = stored != null && !storedForm.tagsCurrent(redis, stored);
            return new ConditionalSet.Seen(dataKey, stored);
        });
        if (seen == null) {
            return new RemoteRead(null, null);
        }
        if (seen.stored() == null || ConditionalSet.isTombstone(seen.stored()) || outdated[0]) {
            return new RemoteRead(null, seen); // a tombstone is an evicted key: a miss, and no error
        }
        RemoteHit hit = decode(cache, seen.dataKey(), seen.stored(), type);
        return new RemoteRead(hit, hit != null ? seen : new ConditionalSet.Seen(seen.dataKey(), null));
    }

    /** The value in {@code stored}, or {@code null} (counted, and the bad entry deleted) when it does not read back. */
    RemoteHit decode(String cache, byte[] dataKey, byte[] stored, ValueType type) {
        try {
            return codec.decode(stored, type);
        } catch (IOException | RuntimeException | LinkageError | StackOverflowError e) {
            count(cache);
            AgentLog.warnRateLimited("redis-decode-" + cache, "cache " + cache + ": a value in Redis does not read back as "
                    + type.type().getTypeName() + " (" + e.getClass().getSimpleName() + "); treated as a miss and deleted");
            call(cache, "del", redis -> redis.del(dataKey));
            return null;
        }
    }

    @Override
    public void put(String cache, String key, Object value, long ttlMillis, long freshMillis) {
        put(cache, key, value, ttlMillis, freshMillis, null, null);
    }

    @Override
    public void put(String cache, String key, Object value, long ttlMillis, long freshMillis, ValueType type, String[] tags) {
        byte[] stored = storedForm.encode(cache, value, freshMillis, type);
        if (stored == null) {
            return;
        }
        Boolean done = call(cache, "set", redis -> {
            byte[] bytes = tags == null ? stored : storedForm.tagged(cache, redis, stored, tags);
            if (bytes == null) {
                return Boolean.FALSE;
            }
            redis.set(keys.data(cache, generation(redis, cache), key), bytes, SetParams.setParams().px(storedForm.storeMillis(ttlMillis, tags)));
            publish(redis, 'K', 0, cache, key);
            return Boolean.TRUE;
        });
        if (done == null) {
            writer.defer(new Outbox.Key(cache, key)); // replayed as an evict: the newer value stays local only
        } else if (!done) {
            evict(cache, key); // too large with its tags: the older value must not stay behind
        }
    }

    @Override
    public boolean putLoaded(String cache, String key, Object value, long ttlMillis, long freshMillis, Object seen) {
        return putLoaded(cache, key, value, ttlMillis, freshMillis, seen, null, null);
    }

    @Override
    public boolean putLoaded(String cache, String key, Object value, long ttlMillis, long freshMillis, Object seen, ValueType type,
                             String[] tags) {
        if (!(seen instanceof ConditionalSet.Seen before)) {
            return true; // the miss could not read Redis: store nothing there rather than risk a stale set
        }
        byte[] stored = storedForm.encode(cache, value, freshMillis, type);
        if (stored == null) {
            return true;
        }
        // into the key the miss read (its generation): after an evict-all the value is unreachable, as it should be
        Boolean set = call(cache, "set", redis -> {
            byte[] bytes = tags == null ? stored : storedForm.tagged(cache, redis, stored, tags);
            if (bytes == null) {
                return Boolean.TRUE;
            }
            boolean done = conditional.set(redis, before, bytes, storedForm.storeMillis(ttlMillis, tags));
            if (done) {
                publish(redis, 'K', 0, cache, key);
            }
            return done;
        });
        return set == null || set;
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
        UnifiedJedis redis = connections.shared();
        Outbox.Op op = tag != null ? new Outbox.Tag(tag) : key == null ? new Outbox.All(cache) : new Outbox.Key(cache, key);
        writer.write(redis, op);
        ExternalMessage message = tag != null ? ExternalMessage.tag(tag) : key == null ? ExternalMessage.all(cache)
                : ExternalMessage.key(cache, key);
        redis.publish(keys.channel(), message.format());
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
        java.util.Map<String, Stored> fetched = hotKeys.fetch(cache, wanted);
        if (fetched.isEmpty()) {
            return fetched;
        }
        // a warmed value must not outlive a tag eviction any more than a read one does
        java.util.Map<String, Stored> current = call(cache, "fetch tags", redis -> {
            java.util.Map<String, Stored> kept = new java.util.LinkedHashMap<>();
            fetched.forEach((key, stored) -> {
                if (storedForm.tagsCurrent(redis, stored.bytes())) {
                    kept.put(key, stored);
                }
            });
            return kept;
        });
        return current == null ? java.util.Map.of() : current;
    }

    @Override
    public RemoteHit decode(String cache, Stored stored, ValueType type) {
        if (!codec.fits(stored.bytes())) {
            return null;
        }
        try {
            return codec.decode(stored.bytes(), type);
        } catch (IOException | RuntimeException | LinkageError | StackOverflowError e) {
            count(cache);
            return null; // a warmed value that no longer reads back is skipped; a read of the key decides what to do with it
        }
    }

    @Override
    public long errors(String cache) {
        LongAdder count = errors.get(cache);
        return count == null ? 0 : count.sum();
    }

    @Override
    public RemoteTimings timings() {
        return timings;
    }

    @Override
    public synchronized void close() {
        writer.close(); // one last replay attempt first
        closed = true;
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

    long generation(UnifiedJedis redis, String cache) {
        long known = generations.cached(cache);
        if (known >= 0) {
            return known;
        }
        String text = redis.get(keys.generation(cache));
        long fetched = text == null ? 0 : Long.parseLong(text);
        generations.fetched(cache, fetched);
        return fetched;
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

    private void count(String cache) {
        errors.computeIfAbsent(cache, c -> new LongAdder()).increment();
    }

    /** Type and message of a failure, with the password (should a message ever echo it) masked. */
    private String safeDescription(Throwable t) {
        String text = AgentLog.describe(t);
        String password = endpoint.password();
        return password == null ? text : text.replace(password, "***");
    }
}
