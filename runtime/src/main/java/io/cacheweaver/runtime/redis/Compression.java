package io.cacheweaver.runtime.redis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The compressed body of a stored value: {@code 'Z'}, the codec ({@code '4'} LZ4 block,
 * {@code 'd'} raw deflate), the original length (4 bytes, big-endian), then the compressed body
 * ({@code J…}/{@code T…}). Every reader understands it, whether or not it compresses itself, so
 * old and new values, and instances configured either way, coexist. Pure Java (no JNI).
 */
final class Compression {
    static final byte MARKER = 'Z';
    static final byte LZ4 = '4';
    static final byte DEFLATE = 'd';
    private static final int HEADER = 6;

    private final int above;   // 0: never compress
    private final byte codec;
    private final int maxOriginal;

    Compression(int above, String codec, int maxOriginal) {
        this.above = above;
        this.codec = "deflate".equals(codec) ? DEFLATE : LZ4;
        this.maxOriginal = maxOriginal;
    }

    /** {@code body} compressed when it is over the threshold and compressing saves something; else {@code body}. */
    byte[] maybeCompress(byte[] body) {
        if (above <= 0 || body.length <= above) {
            return body;
        }
        byte[] packed = codec == LZ4 ? Lz4Block.compress(body) : deflate(body);
        if (packed.length + HEADER >= body.length) {
            return body;
        }
        byte[] stored = new byte[HEADER + packed.length];
        stored[0] = MARKER;
        stored[1] = codec;
        stored[2] = (byte) (body.length >>> 24);
        stored[3] = (byte) (body.length >>> 16);
        stored[4] = (byte) (body.length >>> 8);
        stored[5] = (byte) body.length;
        System.arraycopy(packed, 0, stored, HEADER, packed.length);
        return stored;
    }

    /** The body that starts at {@code from}, decompressed (a compressed one never nests). */
    byte[] expand(byte[] stored, int from) throws IOException {
        if (stored.length - from < HEADER) {
            throw new IOException("unknown format");
        }
        int size = (stored[from + 2] & 0xFF) << 24 | (stored[from + 3] & 0xFF) << 16 | (stored[from + 4] & 0xFF) << 8
                | (stored[from + 5] & 0xFF);
        if (size <= 0 || size > maxOriginal) {
            throw new IOException("compressed value of " + size + " bytes exceeds the " + maxOriginal + "-byte limit");
        }
        byte[] body = switch (stored[from + 1]) {
            case LZ4 -> Lz4Block.decompress(stored, from + HEADER, stored.length, size);
            case DEFLATE -> inflate(stored, from + HEADER, size);
            default -> throw new IOException("unknown compression");
        };
        if (body[0] == MARKER) {
            throw new IOException("unknown format");
        }
        return body;
    }

    private static byte[] deflate(byte[] body) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try {
            deflater.setInput(body);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] stored, int from, int size) throws IOException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(stored, from, stored.length - from);
            byte[] body = new byte[size];
            int n = 0;
            while (n < size && !inflater.finished()) {
                int read = inflater.inflate(body, n, size - n);
                if (read == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += read;
            }
            if (n != size) {
                throw new IOException("corrupt compressed value");
            }
            return body;
        } catch (DataFormatException e) {
            throw new IOException("corrupt compressed value");
        } finally {
            inflater.end();
        }
    }
}
