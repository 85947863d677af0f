package io.cacheweaver.runtime.redis;

import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.remote.ValueType;
import java.io.IOException;
import java.util.function.Consumer;
import redis.clients.jedis.UnifiedJedis;

/**
 * The bytes a value is stored as in Redis, and whether stored bytes still count: the codec, the
 * size limit, and the tag header in front of a tagged value. What cannot be stored is counted
 * against its cache and logged (rate-limited) without the value; the caller then keeps it
 * locally only.
 */
final class StoredForm {
    private final JsonCodec codec;
    private final int maxValueBytes; // redis.maxValueSize in the rules, else the operator's redis.maxValueBytes
    private final TagGenerations tagGenerations;
    private final long tagRetentionMillis;
    private final Consumer<String> countError;

    StoredForm(JsonCodec codec, int maxValueBytes, TagGenerations tagGenerations, long tagRetentionMillis, Consumer<String> countError) {
        this.codec = codec;
        this.maxValueBytes = maxValueBytes;
        this.tagGenerations = tagGenerations;
        this.tagRetentionMillis = tagRetentionMillis;
        this.countError = countError;
    }

    /**
     * The stored form, or {@code null} (counted, logged) when it cannot or must not go to Redis.
     * {@code type}: the declared type the value will be read back as, or {@code null} (the value's own class).
     */
    byte[] encode(String cache, Object value, long freshMillis, ValueType type) {
        byte[] stored;
        try {
            stored = codec.encode(value, freshMillis, type);
        } catch (IOException | RuntimeException | LinkageError | StackOverflowError e) {
            countError.accept(cache);
            AgentLog.warnRateLimited("redis-encode-" + cache, "cache " + cache + ": cannot write a "
                    + value.getClass().getName() + " as JSON (" + reason(e) + "); kept locally only");
            return null;
        }
        return codec.fits(stored) ? stored : tooLarge(cache, "a value of " + stored.length + " bytes");
    }

    /** {@code stored} with its tags' current generations in front, or {@code null} when that no longer fits. */
    byte[] tagged(String cache, UnifiedJedis redis, byte[] stored, String[] tags) {
        byte[] bytes = TagHeader.prepend(tags, tagGenerations.current(redis, tags), stored);
        return codec.fits(bytes) ? bytes : tooLarge(cache, "a value with " + tags.length + " tags");
    }

    /** Counts and reports (rate-limited, without the value) what does not fit; always {@code null}. */
    private byte[] tooLarge(String cache, String what) {
        countError.accept(cache);
        AgentLog.warnRateLimited("redis-size-" + cache, "cache " + cache + ": " + what + " exceeds the " + maxValueBytes
                + "-byte limit (redis.maxValueSize); kept locally only");
        return null;
    }

    /** Tagged values never outlive their tags' generation keys (see {@link TagGenerations}). */
    long storeMillis(long ttlMillis, String[] tags) {
        return tags == null ? ttlMillis : Math.min(ttlMillis, tagRetentionMillis);
    }

    /** Whether every tag {@code stored} carries still has the generation it was stored with. */
    boolean tagsCurrent(UnifiedJedis redis, byte[] stored) {
        TagHeader header;
        try {
            header = TagHeader.read(stored);
        } catch (IOException e) {
            return true; // not ours to judge: decoding reports and deletes it
        }
        if (header == null) {
            return true;
        }
        return java.util.Arrays.equals(header.generations(), tagGenerations.current(redis, header.tags()));
    }

    /**
     * Why a value cannot be written, without the value: the codec's own reasons are about types,
     * Jackson's first line names the type and property it stopped at.
     */
    private static String reason(Throwable e) {
        if (e instanceof IOException && !(e instanceof com.fasterxml.jackson.core.JacksonException)) {
            return e.getMessage();
        }
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int line = message.indexOf('\n');
        String first = line < 0 ? message : message.substring(0, line);
        return e.getClass().getSimpleName() + ": " + (first.length() > 300 ? first.substring(0, 300) + "…" : first);
    }
}
