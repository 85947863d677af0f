package io.cacheweaver.runtime.settings;

import static io.cacheweaver.runtime.settings.Setting.duration;
import static io.cacheweaver.runtime.settings.Setting.durationOrOff;
import static io.cacheweaver.runtime.settings.Setting.flag;
import static io.cacheweaver.runtime.settings.Setting.positiveInt;
import static io.cacheweaver.runtime.settings.Setting.text;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every operator knob, in the order docs/operations.md lists them. A new knob is one line here;
 * {@link AgentSettings} then reads, checks and reports it like all the others.
 */
public final class Settings {
    private static final List<Setting<?>> ALL = new ArrayList<>();

    public static final Setting<String> RULES = add(text("rules", "the rules file"));
    public static final Setting<Boolean> ENABLED = add(flag("enabled", true, "false: the agent does nothing at all"));
    public static final Setting<Boolean> STRICT = add(flag("strict", false,
            "true: a problem in the rules file, in a setting or when weaving stops the JVM (exit code 1) instead of running uncached"));
    public static final Setting<Boolean> DEBUG = add(flag("debug", false,
            "true: explains matching and reload decisions on stderr (never values)"));
    public static final Setting<Boolean> JMX = add(flag("jmx", true, "false: no MBeans"));
    public static final Setting<Duration> JMX_DELAY = add(duration("jmx.delay", Duration.ofSeconds(5), "5s",
            "longest wait for the application's LogManager before registering the MBeans"));
    public static final Setting<Boolean> JMX_READ_ONLY = add(flag("jmx.readOnly", false,
            "true: the MBeans' operations are refused, attributes stay readable"));
    public static final Setting<Duration> SLOW_LOAD = add(durationOrOff("slowLoad", Duration.ofSeconds(1),
            "a load slower than this logs one line per rule per minute; off: never"));
    public static final Setting<Duration> REDIS_CONNECT_TIMEOUT = add(duration("redis.connectTimeout", null,
            "max(2 × redis timeout, 200ms)", "TCP/TLS connect"));
    public static final Setting<Duration> REDIS_POOL_MAX_WAIT = add(duration("redis.poolMaxWait", null,
            "= redis timeout", "wait for a pooled connection"));
    public static final Setting<Integer> REDIS_POOL_MAX_TOTAL = add(positiveInt("redis.poolMaxTotal", 16, "Redis connections per JVM"));
    public static final Setting<Integer> REDIS_BREAKER_FAILURES = add(positiveInt("redis.breakerFailures", 5,
            "consecutive failures that open the circuit breaker"));
    public static final Setting<Duration> REDIS_BREAKER_OPEN = add(duration("redis.breakerOpen", Duration.ofSeconds(5), "5s",
            "how long Redis is skipped before one probe"));
    public static final Setting<Integer> REDIS_MAX_VALUE_BYTES = add(positiveInt("redis.maxValueBytes", 1 << 20,
            "larger values are not stored, and not read"));
    public static final Setting<Duration> REDIS_LEASE_TIME = add(duration("redis.leaseTime", Duration.ofSeconds(2), "2s",
            "cross-instance load lease, and the longest wait for another instance's load"));
    public static final Setting<Boolean> REDIS_INVALIDATION = add(flag("redis.invalidation", true,
            "false: instances do not tell each other about writes (pub/sub)"));
    public static final Setting<Duration> REDIS_GENERATION_REFRESH = add(duration("redis.generationRefresh", Duration.ofSeconds(5),
            "5s", "how long a cache's generation number is trusted without asking Redis"));
    public static final Setting<Duration> REDIS_PING_INTERVAL = add(duration("redis.pingInterval", Duration.ofSeconds(1), "1s",
            "subscriber health check; silent for 3 × this = connection lost"));
    public static final Setting<Duration> REDIS_TOMBSTONE_TIME = add(duration("redis.tombstoneTime", Duration.ofSeconds(60), "60s",
            "how long an evicted key keeps its tombstone: the longest load still protected from the stale-set race"));
    public static final Setting<Duration> REDIS_TAG_RETENTION = add(duration("redis.tagRetention", Duration.ofDays(1), "1d",
            "how long an evicted tag's generation key stays in Redis; tagged values are stored in Redis for at most this long"));
    public static final Setting<Integer> REFRESH_THREADS = add(positiveInt("refresh.threads", 4,
            "agent threads that run refresh-ahead reloads and loads under loadTimeout"));
    public static final Setting<Integer> REFRESH_QUEUE = add(positiveInt("refresh.queue", 256,
            "reloads waiting for one of those threads; when full, no reload is started (the entry ages until its ttl)"));
    public static final Setting<Duration> WARM_RECORD_INTERVAL = add(duration("warm.recordInterval", Duration.ofMinutes(1), "1m",
            "how often the hot keys of caches with warm and the redis layer are recorded in Redis (also at orderly shutdown)"));
    public static final Setting<Integer> WRITE_BEHIND_THREADS = add(positiveInt("writeBehind.threads", 2,
            "agent threads that run write-behind writes (bodies of different keys run in parallel on them)"));
    public static final Setting<Integer> HTTP_ETAG_MAX_BYTES = add(positiveInt("http.etagMaxBytes", 1 << 20,
            "largest response body an http rule with etag: true holds back to hash; larger ones stream through without ETag"));
    public static final Setting<Integer> CDN_QUEUE = add(positiveInt("cdn.queue", 10_000,
            "CDN purges waiting to be sent; when full, new purges are dropped (logged)"));
    public static final Setting<Integer> CDN_RETRIES = add(positiveInt("cdn.retries", 3,
            "retries of a failed purge POST, with exponential backoff from 200ms"));
    public static final Setting<Boolean> LEAN_WEAVER = add(flag("leanWeaver", true,
            "false: Byte Buddy weaves from the start, even where the lean weaver could"));

    private Settings() {
    }

    private static <T> Setting<T> add(Setting<T> setting) {
        ALL.add(setting);
        return setting;
    }

    public static List<Setting<?>> all() {
        return Collections.unmodifiableList(ALL);
    }
}
