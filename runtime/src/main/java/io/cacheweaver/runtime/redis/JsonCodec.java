package io.cacheweaver.runtime.redis;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cacheweaver.runtime.remote.RemoteLayer.RemoteHit;
import io.cacheweaver.runtime.remote.ValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Values as stored in Redis: one format byte, then JSON. {@code 'J'} + JSON is a value, a lone
 * {@code 'N'} is a cached null (so a cached null differs from a missing key and from any value).
 * In a cache with freshness settings the value is preceded by {@code F<written-at epoch ms>,<logical
 * lifetime ms>;} so that every instance sees the same age (the entry outlives its ttl by
 * staleIfError, so Redis's own TTL cannot tell). A tagged value starts with a {@link TagHeader}
 * (before the {@code F} header; {@code #}, since {@code T} starts a tombstone): its tags and their generations when it was stored.
 * <p>
 * JSON is read back into the woven method's declared generic type only: default typing stays
 * off and no class name is ever taken from the data, so a value planted in Redis cannot make us
 * load or instantiate anything the method could not have returned. Objects go through their
 * fields, not their getters and setters: legacy beans often have getters without setters (or
 * getters that compute), and the fields are what the object really is. Records use their
 * canonical constructor.
 */
final class JsonCodec {
    static final byte VALUE = 'J';
    static final byte NULL = 'N';
    static final byte FRESHNESS = 'F';
    private static final byte[] NULL_BYTES = {NULL};

    private final ObjectMapper mapper;
    private final int maxBytes;

    JsonCodec(int maxBytes) {
        this.maxBytes = maxBytes;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(maxBytes)
                        .maxNestingDepth(200) // deep JSON is an attack, not a cached value
                        .build())
                .build();
        this.mapper = JsonMapper.builder(factory)
                .visibility(PropertyAccessor.ALL, Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, Visibility.ANY)
                .visibility(PropertyAccessor.CREATOR, Visibility.ANY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // an older or newer class version still reads
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(MapperFeature.USE_GETTERS_AS_SETTERS) // never mutate a collection through a getter
                .build();
    }

    /** The stored form of {@code value}, with its write time and logical lifetime when {@code freshMillis} &gt; 0. */
    byte[] encode(Object value, long freshMillis) throws IOException {
        byte[] plain = encode(value);
        if (freshMillis <= 0) {
            return plain;
        }
        byte[] header = ("F" + System.currentTimeMillis() + "," + freshMillis + ";").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] stored = java.util.Arrays.copyOf(header, header.length + plain.length);
        System.arraycopy(plain, 0, stored, header.length, plain.length);
        return stored;
    }

    /** The stored form of {@code value}; throws when Jackson cannot write it. */
    byte[] encode(Object value) throws IOException {
        if (value == null) {
            return NULL_BYTES;
        }
        byte[] json = mapper.writeValueAsBytes(value);
        byte[] stored = new byte[json.length + 1];
        stored[0] = VALUE;
        System.arraycopy(json, 0, stored, 1, json.length);
        return stored;
    }

    boolean fits(byte[] stored) {
        return stored.length <= maxBytes;
    }

    /** The value read back as {@code type}; throws on anything that is not exactly what we wrote. */
    RemoteHit decode(byte[] stored, ValueType type) throws IOException {
        if (!fits(stored)) {
            throw new IOException("value larger than " + maxBytes + " bytes");
        }
        TagHeader tagged = TagHeader.read(stored);
        String[] tags = tagged == null ? null : tagged.tags();
        int start = tagged == null ? 0 : tagged.end();
        long age = 0;
        long fresh = 0;
        if (stored.length > start && stored[start] == FRESHNESS) {
            int comma = indexOf(stored, (byte) ',', start + 1);
            int semicolon = indexOf(stored, (byte) ';', Math.max(comma, start + 1));
            if (comma < 0 || semicolon < 0) {
                throw new IOException("unknown format");
            }
            long writtenAt = parseLong(stored, start + 1, comma);
            fresh = parseLong(stored, comma + 1, semicolon);
            age = Math.max(0, System.currentTimeMillis() - writtenAt); // clocks of instances may differ a little: never negative
            start = semicolon + 1;
        }
        if (stored.length - start == 1 && stored[start] == NULL) {
            return new RemoteHit(null, age, fresh, tags);
        }
        if (stored.length - start < 2 || stored[start] != VALUE) {
            throw new IOException("unknown format");
        }
        JavaType javaType = mapper.getTypeFactory().withClassLoader(type.loader()).constructType(type.type());
        Object value = mapper.readerFor(javaType).readValue(stored, start + 1, stored.length - start - 1);
        if (value == null) {
            throw new IOException("JSON null is not a value we write"); // nulls are 'N'
        }
        return new RemoteHit(value, age, fresh, tags);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length && i < from + 40; i++) { // a header is short: do not scan a whole value
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static long parseLong(byte[] bytes, int from, int to) throws IOException {
        try {
            return Long.parseLong(new String(bytes, from, to - from, java.nio.charset.StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new IOException("unknown format");
        }
    }

    /**
     * Reads back a small stored string, so that the one-time cost of Jackson's reader (class
     * loading and interpretation, ~50 ms measured) is paid on a background thread rather than by
     * the first read after an invalidation. Each application type still pays its own
     * introspection on its first read.
     */
    void warmUp() {
        try {
            decode("J\"warm-up\"".getBytes(StandardCharsets.UTF_8), new ValueType(String.class, JsonCodec.class.getClassLoader()));
        } catch (IOException | RuntimeException e) {
            // only a warm-up: a real read reports its own failure
        }
    }
}
