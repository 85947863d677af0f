package io.cacheweaver.runtime.redis;

import io.cacheweaver.rules.RedisSettings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where Redis is and how to log in, parsed from {@code redis[s]://[[user]:password@]host[:port][/db]}.
 * Parsed by hand rather than with {@link java.net.URI}: passwords are often not percent-encoded,
 * so the user information runs to the <em>last</em> {@code @} (as the rules validator reads it).
 * {@link #toString()} never shows the password.
 */
public record RedisEndpoint(String host, int port, String user, String password, int database, boolean tls) {
    static final int DEFAULT_PORT = 6379;

    public static RedisEndpoint parse(String url) {
        String rest;
        boolean tls;
        if (url.startsWith("rediss://")) {
            tls = true;
            rest = url.substring("rediss://".length());
        } else if (url.startsWith("redis://")) {
            tls = false;
            rest = url.substring("redis://".length());
        } else {
            throw new IllegalArgumentException("expected redis:// or rediss://, found " + RedisSettings.redact(url));
        }
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String info = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = info.indexOf(':');
            if (colon < 0) {
                password = decode(info); // redis://secret@host: a password alone, as redis-cli reads it
            } else {
                user = decode(info.substring(0, colon));
                password = decode(info.substring(colon + 1));
            }
        }
        int slash = rest.indexOf('/');
        String hostPort = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        int database = path.isEmpty() ? 0 : Integer.parseInt(path);
        String host = hostPort;
        int port = DEFAULT_PORT;
        int portColon = hostPort.startsWith("[") ? hostPort.indexOf(':', hostPort.indexOf(']')) : hostPort.lastIndexOf(':');
        if (portColon >= 0) {
            host = hostPort.substring(0, portColon);
            port = Integer.parseInt(hostPort.substring(portColon + 1));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid host or port in " + RedisSettings.redact(url));
        }
        return new RedisEndpoint(host, port, blankToNull(user), blankToNull(password), database, tls);
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
