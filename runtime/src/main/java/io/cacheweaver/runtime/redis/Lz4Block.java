package io.cacheweaver.runtime.redis;

import java.io.IOException;
import java.util.Arrays;

/**
 * The LZ4 block format (lz4.github.io/lz4/lz4_Block_format), in plain Java: a greedy compressor
 * with a 4096-entry hash table (fast, a little less compact than the reference) and a
 * decompressor that checks every length against its buffers, since the input comes from Redis.
 */
final class Lz4Block {
    private static final int MIN_MATCH = 4;
    private static final int LAST_LITERALS = 5;  // the format's end rules: the last 5 bytes are literals,
    private static final int MF_LIMIT = 12;      // and no match starts within the last 12
    private static final int HASH_BITS = 12;
    private static final int MAX_OFFSET = 65535;

    private Lz4Block() {
    }

    static byte[] compress(byte[] src) {
        byte[] dst = new byte[src.length + src.length / 255 + 16];
        int[] table = new int[1 << HASH_BITS];
        Arrays.fill(table, -1);
        int anchor = 0;
        int at = 0;
        int out = 0;
        int limit = src.length - MF_LIMIT;
        while (at < limit) {
            int h = hash(readInt(src, at));
            int candidate = table[h];
            table[h] = at;
            if (candidate < 0 || at - candidate > MAX_OFFSET || readInt(src, candidate) != readInt(src, at)) {
                at++;
                continue;
            }
            int matchEnd = at + MIN_MATCH;
            int ref = candidate + MIN_MATCH;
            int matchLimit = src.length - LAST_LITERALS;
            while (matchEnd < matchLimit && src[matchEnd] == src[ref]) {
                matchEnd++;
                ref++;
            }
            out = sequence(src, anchor, at - anchor, at - candidate, matchEnd - at - MIN_MATCH, dst, out);
            at = matchEnd;
            anchor = at;
        }
        out = lastLiterals(src, anchor, src.length - anchor, dst, out);
        return Arrays.copyOf(dst, out);
    }

    private static int sequence(byte[] src, int from, int literals, int offset, int matchExtra, byte[] dst, int out) {
        int token = out++;
        dst[token] = (byte) ((Math.min(literals, 15) << 4) | Math.min(matchExtra, 15));
        out = length(literals, dst, out);
        System.arraycopy(src, from, dst, out, literals);
        out += literals;
        dst[out++] = (byte) offset;
        dst[out++] = (byte) (offset >>> 8);
        return length(matchExtra, dst, out);
    }

    private static int lastLiterals(byte[] src, int from, int literals, byte[] dst, int out) {
        dst[out++] = (byte) (Math.min(literals, 15) << 4);
        out = length(literals, dst, out);
        System.arraycopy(src, from, dst, out, literals);
        return out + literals;
    }

    /** The bytes after a 4-bit length of 15: runs of 255, then the rest. */
    private static int length(int length, byte[] dst, int out) {
        if (length >= 15) {
            int rest = length - 15;
            while (rest >= 255) {
                dst[out++] = (byte) 255;
                rest -= 255;
            }
            dst[out++] = (byte) rest;
        }
        return out;
    }

    /** Exactly {@code size} bytes, or an exception: never reads or writes outside its buffers. */
    static byte[] decompress(byte[] src, int from, int to, int size) throws IOException {
        byte[] dst = new byte[size];
        int in = from;
        int out = 0;
        while (in < to) {
            int token = src[in++] & 0xFF;
            int[] cursor = {in};
            int literals = readLength(token >>> 4, src, cursor, to);
            in = cursor[0];
            if (literals > to - in || literals > size - out) {
                throw new IOException("corrupt compressed value");
            }
            System.arraycopy(src, in, dst, out, literals);
            in += literals;
            out += literals;
            if (in == to) {
                break; // the last sequence has literals only
            }
            if (to - in < 2) {
                throw new IOException("corrupt compressed value");
            }
            int offset = (src[in] & 0xFF) | (src[in + 1] & 0xFF) << 8;
            in += 2;
            cursor[0] = in;
            int match = readLength(token & 0x0F, src, cursor, to) + MIN_MATCH;
            in = cursor[0];
            if (offset == 0 || offset > out || match > size - out) {
                throw new IOException("corrupt compressed value");
            }
            for (int i = 0; i < match; i++, out++) { // byte by byte: a match may overlap what it copies
                dst[out] = dst[out - offset];
            }
        }
        if (out != size) {
            throw new IOException("corrupt compressed value");
        }
        return dst;
    }

    private static int readLength(int nibble, byte[] src, int[] cursor, int to) throws IOException {
        long length = nibble;
        if (nibble == 15) {
            int b;
            do {
                if (cursor[0] >= to) {
                    throw new IOException("corrupt compressed value");
                }
                b = src[cursor[0]++] & 0xFF;
                length += b;
            } while (b == 255 && length < Integer.MAX_VALUE);
        }
        if (length >= Integer.MAX_VALUE - 16) {
            throw new IOException("corrupt compressed value");
        }
        return (int) length;
    }

    private static int readInt(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }

    private static int hash(int value) {
        return (value * -1640531535) >>> (32 - HASH_BITS);
    }
}
