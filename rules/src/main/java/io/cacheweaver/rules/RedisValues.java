package io.cacheweaver.rules;

import java.util.List;

/**
 * How values are stored in Redis: the {@code types}, {@code compress} and {@code maxValueSize}
 * keys of the {@code redis:} section (rules-v1 §10).
 *
 * @param types         class patterns (selector syntax: {@code com.shop..*}, {@code org.x.PageImpl})
 *                      whose concrete class may be recorded in a stored value and trusted on read;
 *                      empty: no class name is ever written or read
 * @param compressAbove values whose encoded form is larger than this many bytes are stored
 *                      compressed; 0 = never compress
 * @param codec         {@code lz4} or {@code deflate} (meaningful only when compressing)
 * @param maxValueSize  larger stored values (after compression) stay local-only; 0 = not given
 *                      in the rules (the operator setting {@code redis.maxValueBytes} applies)
 */
public record RedisValues(List<String> types, int compressAbove, String codec, int maxValueSize) {
    public static final int DEFAULT_COMPRESS_ABOVE = 2048;
    public static final List<String> CODECS = List.of("lz4", "deflate");
    /** No allow-list, no compression, the operator's size limit. */
    public static final RedisValues DEFAULTS = new RedisValues(List.of(), 0, "lz4", 0);

    public RedisValues {
        types = List.copyOf(types);
    }
}
