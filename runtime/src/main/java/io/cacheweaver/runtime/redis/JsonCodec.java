package io.cacheweaver.runtime.redis;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cacheweaver.rules.RedisValues;
import io.cacheweaver.runtime.remote.RemoteLayer.RemoteHit;
import io.cacheweaver.runtime.remote.ValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Values as stored in Redis: an optional header, then a body. Bodies: {@code 'J'} + JSON is a
 * value of the declared type, {@code 'C'} + class name + {@code ' '} + JSON a value of a concrete
 * class the allow-list ({@code redis.types}) names, for methods declared to return an interface,
 * an abstract class or {@code Object}; a lone {@code 'N'} is a cached null (so a cached null
 * differs from a missing key and from any value); {@code 'Z'} a compressed body
 * ({@link Compression}). In a cache with freshness settings the body is preceded by
 * {@code F<written-at epoch ms>,<logical lifetime ms>;} so that every instance sees the same age
 * (the entry outlives its ttl by staleIfError, so Redis's own TTL cannot tell).
 * A tagged value starts with a {@link TagHeader} (before the {@code F} header; {@code #}, since
 * {@code T} starts a tombstone): its tags and their generations when it was stored.
 * <p>
 * JSON is read back into the woven method's declared generic type; a class name is taken from
 * the data only when the allow-list names it and it is assignable to the declared type at that
 * position ({@link TypeAllowList}), and is checked as text before the class is loaded, so a
 * value planted in Redis cannot make us load or instantiate anything else. How objects are
 * written and created: {@link ValueMapper}.
 */
final class JsonCodec {
    static final byte VALUE = 'J';
    static final byte TYPED = 'C'; // not 'T': that is ConditionalSet's tombstone
    static final byte NULL = 'N';
    static final byte FRESHNESS = 'F';
    private static final byte[] NULL_BYTES = {NULL};
    private static final int MAX_CLASS_NAME = 1000;
    private static final int MAX_EXPANSION = 32; // a compressed value may hold at most 32 × the stored limit (and 256 MB)

    private final ObjectMapper mapper;
    private final TypeAllowList allowList;
    private final Compression compression;
    private final int maxBytes;

    JsonCodec(int maxBytes) {
        this(maxBytes, RedisValues.DEFAULTS);
    }

    JsonCodec(int maxBytes, RedisValues values) {
        this.maxBytes = maxBytes;
        int maxOriginal = (int) Math.min(256L << 20, Math.max((long) maxBytes * MAX_EXPANSION, maxBytes));
        this.allowList = new TypeAllowList(values.types());
        this.compression = new Compression(values.compressAbove(), values.codec(), maxOriginal);
        this.mapper = ValueMapper.create(maxOriginal, allowList);
    }

    /** The stored form of {@code value}, with its write time and logical lifetime when {@code freshMillis} &gt; 0. */
    byte[] encode(Object value, long freshMillis) throws IOException {
        return encode(value, freshMillis, null);
    }

    /**
     * The stored form of {@code value} as a value of {@code declared} (the reading methods' declared
     * type; {@code null}: unknown, the value's own class), with its write time and logical lifetime
     * when {@code freshMillis} &gt; 0. Throws when it cannot or must not be written.
     */
    byte[] encode(Object value, long freshMillis, ValueType declared) throws IOException {
        byte[] plain = compression.maybeCompress(body(value, declared));
        if (freshMillis <= 0) {
            return plain;
        }
        byte[] header = ("F" + System.currentTimeMillis() + "," + freshMillis + ";").getBytes(StandardCharsets.US_ASCII);
        byte[] stored = Arrays.copyOf(header, header.length + plain.length);
        System.arraycopy(plain, 0, stored, header.length, plain.length);
        return stored;
    }

    /** The stored form of {@code value}; throws when Jackson cannot write it. */
    byte[] encode(Object value) throws IOException {
        return encode(value, 0, null);
    }

    private byte[] body(Object value, ValueType declared) throws IOException {
        if (value == null) {
            return NULL_BYTES;
        }
        Object real = LazyEntities.unwrap(value);
        Class<?> concrete = real.getClass();
        JavaType type = declared == null ? null : javaType(declared);
        if (type == null || !type.getRawClass().isAssignableFrom(concrete)) {
            type = mapper.constructType(concrete); // a put rule's value of another type: as itself
        }
        if (!recordsRootClass(type)) {
            return prefixed(new byte[] {VALUE}, mapper.writerFor(type).writeValueAsBytes(real));
        }
        if (!allowList.configured()) {
            if (isJsonNatural(concrete)) {
                return prefixed(new byte[] {VALUE}, mapper.writeValueAsBytes(real));
            }
            throw new IOException("declared as " + type.getRawClass().getName() + ", its class " + concrete.getName()
                    + " must be named in redis.types to be stored");
        }
        if (!allowList.allows(concrete.getName())) {
            throw new IOException("its class " + concrete.getName() + " is not in redis.types");
        }
        JavaType specialized = mapper.getTypeFactory().constructSpecializedType(type, concrete);
        byte[] json = mapper.writerFor(specialized).writeValueAsBytes(real);
        return prefixed(("C" + concrete.getName() + " ").getBytes(StandardCharsets.UTF_8), json);
    }

    /** The root of a value declared as {@code Object}, an interface or an abstract class (not a collection): its class is recorded. */
    private static boolean recordsRootClass(JavaType type) {
        return !type.isContainerType() && !type.isReferenceType() && ValueMapper.recordsClass(type);
    }

    /** Values JSON itself tells apart without a class name, as Jackson reads them into {@code Object}. */
    private static boolean isJsonNatural(Class<?> type) {
        return type == String.class || type == Boolean.class || type == Integer.class || type == Double.class;
    }

    private static byte[] prefixed(byte[] prefix, byte[] json) {
        byte[] stored = Arrays.copyOf(prefix, prefix.length + json.length);
        System.arraycopy(json, 0, stored, prefix.length, json.length);
        return stored;
    }

    private JavaType javaType(ValueType type) {
        return mapper.getTypeFactory().withClassLoader(type.loader()).constructType(type.type());
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
        byte[] body = stored;
        if (stored.length > start && stored[start] == Compression.MARKER) {
            body = compression.expand(stored, start);
            start = 0;
        }
        return new RemoteHit(value(body, start, type), age, fresh, tags);
    }

    private Object value(byte[] body, int start, ValueType type) throws IOException {
        if (body.length - start == 1 && body[start] == NULL) {
            return null;
        }
        if (body.length - start < 2 || (body[start] != VALUE && body[start] != TYPED)) {
            throw new IOException("unknown format");
        }
        JavaType javaType = javaType(type);
        int json = start + 1;
        if (body[start] == TYPED) {
            int space = json;
            while (space < body.length && space - json <= MAX_CLASS_NAME && body[space] != ' ') {
                space++;
            }
            if (space >= body.length || body[space] != ' ') {
                throw new IOException("unknown format");
            }
            String name = new String(body, json, space - json, StandardCharsets.UTF_8);
            if (!allowList.allows(name)) { // checked as text: a class outside the list is never loaded
                throw new IOException("a stored class is not in redis.types");
            }
            Class<?> concrete;
            try {
                concrete = Class.forName(name, false, type.loader());
            } catch (ClassNotFoundException e) {
                throw new IOException("a stored class is unknown here");
            }
            if (!javaType.getRawClass().isAssignableFrom(concrete)) {
                throw new IOException("a stored class is not a " + javaType.getRawClass().getName());
            }
            javaType = mapper.getTypeFactory().constructSpecializedType(javaType, concrete);
            json = space + 1;
        }
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        boolean swap = allowList.configured() && type.loader() != null && context != type.loader();
        if (swap) {
            thread.setContextClassLoader(type.loader()); // where Jackson looks up allowed nested class names
        }
        try {
            Object value = mapper.readerFor(javaType).readValue(body, json, body.length - json);
            if (value == null) {
                throw new IOException("JSON null is not a value we write"); // nulls are 'N'
            }
            return value;
        } finally {
            if (swap) {
                thread.setContextClassLoader(context);
            }
        }
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
            return Long.parseLong(new String(bytes, from, to - from, StandardCharsets.US_ASCII));
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
