package io.cacheweaver.runtime.redis;

import io.cacheweaver.runtime.remote.RemoteLayer.RemoteHit;
import io.cacheweaver.runtime.remote.ValueType;
import java.io.IOException;

/**
 * The stored form of values outside Redis (the pre-warming snapshot file): the same codec, so a
 * value reads back under the same rules as from Redis — into the declared type, never into a
 * class named by the data.
 */
public final class StoredValues {
    private static final JsonCodec CODEC = new JsonCodec(Integer.MAX_VALUE);

    private StoredValues() {
    }

    public static byte[] encode(Object value) throws IOException {
        return CODEC.encode(value);
    }

    public static RemoteHit decode(byte[] stored, ValueType type) throws IOException {
        return CODEC.decode(stored, type);
    }
}
