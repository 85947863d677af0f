package io.cacheweaver.runtime.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The tags a value in Redis was stored with, and each tag's generation at that moment, as an
 * optional header before everything else {@link JsonCodec} writes:
 * {@code #<count>;} then per tag {@code <generation>,<byte length>,<tag bytes>}. Length-prefixed,
 * so a tag may contain any character. Values without tags have no header and read as before.
 */
record TagHeader(String[] tags, long[] generations, int end) {
    static final byte MARK = '#'; // 'T' is a tombstone (ConditionalSet)
    private static final int MAX_TAGS = 100_000;

    static byte[] prepend(String[] tags, long[] generations, byte[] body) {
        StringBuilder header = new StringBuilder().append('#').append(tags.length).append(';');
        byte[][] names = new byte[tags.length][];
        for (int i = 0; i < tags.length; i++) {
            names[i] = tags[i].getBytes(StandardCharsets.UTF_8);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length + 16 * tags.length + 8);
        out.writeBytes(header.toString().getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < tags.length; i++) {
            out.writeBytes((generations[i] + "," + names[i].length + ",").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(names[i]);
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The header of {@code stored}, or {@code null} when it has none; throws when it is malformed. */
    static TagHeader read(byte[] stored) throws IOException {
        if (stored.length == 0 || stored[0] != MARK) {
            return null;
        }
        int[] pos = {1};
        int count = (int) number(stored, pos, (byte) ';');
        if (count < 0 || count > MAX_TAGS) {
            throw new IOException("unknown format");
        }
        String[] tags = new String[count];
        long[] generations = new long[count];
        for (int i = 0; i < count; i++) {
            generations[i] = number(stored, pos, (byte) ',');
            int length = (int) number(stored, pos, (byte) ',');
            if (length < 0 || pos[0] + length > stored.length) {
                throw new IOException("unknown format");
            }
            tags[i] = new String(stored, pos[0], length, StandardCharsets.UTF_8);
            pos[0] += length;
        }
        return new TagHeader(tags, generations, pos[0]);
    }

    /** A decimal number at {@code pos[0]} ended by {@code end}; {@code pos[0]} moves past {@code end}. */
    private static long number(byte[] bytes, int[] pos, byte end) throws IOException {
        int from = pos[0];
        int i = from;
        while (i < bytes.length && i < from + 21 && bytes[i] != end) {
            i++;
        }
        if (i >= bytes.length || bytes[i] != end || i == from) {
            throw new IOException("unknown format");
        }
        try {
            long value = Long.parseLong(new String(bytes, from, i - from, StandardCharsets.US_ASCII));
            pos[0] = i + 1;
            return value;
        } catch (NumberFormatException e) {
            throw new IOException("unknown format");
        }
    }
}
