package io.cacheweaver.runtime.redis;

/**
 * What instances of the agent publish to each other on the invalidation channel:
 * {@code sender \n op \n generation \n cache \n key}. Op {@code K} is one key, {@code A} every key
 * (then {@code generation} is the new one), {@code M} several keys (batch rules: the key field holds
 * each key as {@code <length>:<key>}, see {@link #packKeys}), {@code T} a tag (its name in the key's
 * place). The key goes last so it may contain anything. Outside publishers use
 * {@link ExternalMessage} instead.
 */
record PeerMessage(String sender, char op, long generation, String cache, String key) {
    String format() {
        return sender + "\n" + op + "\n" + generation + "\n" + cache + "\n" + (key == null ? "" : key);
    }

    /** Several keys in one key field, each as {@code <length>:<key>} (op {@code M}). */
    static String packKeys(java.util.List<String> keys) {
        StringBuilder packed = new StringBuilder();
        for (String key : keys) {
            packed.append(key.length()).append(':').append(key);
        }
        return packed.toString();
    }

    /** The keys of an {@code M} message; what could be read before a malformed part. */
    static java.util.List<String> unpackKeys(String packed) {
        java.util.List<String> keys = new java.util.ArrayList<>();
        int at = 0;
        while (at < packed.length()) {
            int colon = packed.indexOf(':', at);
            if (colon < 0) {
                break;
            }
            int length;
            try {
                length = Integer.parseInt(packed, at, colon, 10);
            } catch (NumberFormatException e) {
                break;
            }
            if (length < 0 || colon + 1 + length > packed.length()) {
                break;
            }
            keys.add(packed.substring(colon + 1, colon + 1 + length));
            at = colon + 1 + length;
        }
        return keys;
    }

    /** The message, or {@code null} for anything we did not write. */
    static PeerMessage parse(String text) {
        String[] parts = text.split("\n", 5);
        if (parts.length != 5 || parts[1].length() != 1) {
            return null;
        }
        try {
            return new PeerMessage(parts[0], parts[1].charAt(0), Long.parseLong(parts[2]), parts[3], parts[4]);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
