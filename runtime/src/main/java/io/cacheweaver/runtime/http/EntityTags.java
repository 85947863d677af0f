package io.cacheweaver.runtime.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Strong ETags from response bodies, and {@code If-None-Match} matching (RFC 9110 §13.1.2: weak
 * comparison, so {@code W/"x"} matches {@code "x"}; {@code *} matches any current representation).
 */
final class EntityTags {
    private EntityTags() {
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** 128 bits of the body's SHA-256, base64url, quoted: {@code "q1w2..."} (24 characters). */
    static String of(MessageDigest finished) {
        byte[] hash = finished.digest();
        return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16)) + "\"";
    }

    /** True when {@code ifNoneMatch} (a header value: {@code *}, or a list of entity tags) names {@code etag}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || etag == null) {
            return false;
        }
        String wanted = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || opaque(tag).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
