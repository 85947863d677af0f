package io.cacheweaver.rules;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of the Redis URL grammar, {@code redis[s]://[[user]:password@]host[:port][/db]},
 * used by the rules validator and by the runtime's connections alike. Parsed by hand rather than
 * with {@link java.net.URI}: passwords are often not percent-encoded, so the user information runs
 * to the <em>last</em> {@code @}; a user information without {@code :} is a password alone, as
 * redis-cli reads {@code redis://secret@host}. Neither {@link #toString()} nor an error message
 * ever shows the password.
 */
public record RedisUrl(String host, int port, String user, String password, int database, boolean tls) {
    public static final int DEFAULT_PORT = 6379;
    public static final String EXPECTED = "expected redis://[user:password@]host:port[/db] or rediss://... for TLS";
    private static final Pattern HOST_PORT_DB = Pattern.compile(
            "([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\])(?::(\\d{1,5}))?(?:/(\\d{1,5}))?/?");

    /** Throws {@link IllegalArgumentException} with a message that never contains the password. */
    public static RedisUrl parse(String url) {
        String rest;
        boolean tls;
        if (url.startsWith("rediss://")) {
            tls = true;
            rest = url.substring("rediss://".length());
        } else if (url.startsWith("redis://")) {
            tls = false;
            rest = url.substring("redis://".length());
        } else {
            throw new IllegalArgumentException("invalid redis url \"" + redact(url) + "\"; " + EXPECTED);
        }
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String info = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = info.indexOf(':');
            if (colon < 0) {
                password = decode(info);
            } else {
                user = decode(info.substring(0, colon));
                password = decode(info.substring(colon + 1));
            }
        }
        Matcher m = HOST_PORT_DB.matcher(rest);
        int port = m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : DEFAULT_PORT;
        if (!m.matches() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid redis url \"" + redact(url) + "\"; " + EXPECTED);
        }
        String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        int database = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return new RedisUrl(host, port, blankToNull(user), blankToNull(password), database, tls);
    }

    /**
     * {@code url} with the password replaced by {@code ***}: the only form that may be logged.
     * Works on text that is not a valid URL too (it is what error messages show), with the same
     * reading of the user information: up to the last {@code @}, a password alone without {@code :}.
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int scheme = url.indexOf("://");
        int start = scheme >= 0 && scheme < at ? scheme + 3 : 0;
        String userInfo = url.substring(start, at);
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? "" : userInfo.substring(0, colon + 1);
        return url.substring(0, start) + user + "***" + url.substring(at);
    }

    public static boolean isValid(String url) {
        try {
            parse(url);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Percent-decodes {@code %XX} escapes only; a lone {@code %} or {@code +} stays as typed. */
    private static String decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                out.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    @Override
    public String toString() {
        return (tls ? "rediss://" : "redis://") + (user != null ? user + ":***@" : password != null ? "***@" : "")
                + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }
}
