package io.cacheweaver.runtime.http;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A response body held back until it is complete, hashed as it is written, up to {@code limit}
 * bytes: a larger body is not held (the caller streams it through instead).
 */
final class BodyBuffer {
    private final int limit;
    private final MessageDigest digest = EntityTags.digest();
    private byte[] bytes = new byte[512];
    private int size;

    BodyBuffer(int limit) {
        this.limit = limit;
    }

    /** False, and nothing taken, when {@code length} more bytes would pass the limit. */
    boolean append(byte[] data, int offset, int length) {
        if ((long) size + length > limit) {
            return false;
        }
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(size + length, bytes.length * 2)));
        }
        System.arraycopy(data, offset, bytes, size, length);
        digest.update(data, offset, length);
        size += length;
        return true;
    }

    int size() {
        return size;
    }

    boolean fits(long length) {
        return length <= limit;
    }

    void clear() {
        size = 0;
        digest.reset();
    }

    String etag() {
        return EntityTags.of(digest);
    }

    void writeTo(OutputStream out) throws IOException {
        if (size > 0) {
            out.write(bytes, 0, size);
        }
    }
}
