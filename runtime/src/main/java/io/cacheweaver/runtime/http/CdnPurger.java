package io.cacheweaver.runtime.http;

import io.cacheweaver.rules.http.CdnPurge;
import io.cacheweaver.runtime.AgentLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends CDN purges: {@link #purge} only queues (bounded, never blocks, never throws); one daemon
 * thread takes what has queued up, merges it into one {@code {"tags":[...],"paths":[...]}} POST
 * and retries a failed POST with exponential backoff. A purge that still fails, or that finds the
 * queue full, is dropped with a log line: the CDN then serves the old copy until its own TTL, which
 * is why {@code s-maxage} should stay bounded. Header values are secrets: they are sent, never logged,
 * and the URL is logged only redacted.
 */
public final class CdnPurger {
    /** Tags and paths merged into one POST at most, so that one request stays within CDN API limits. */
    static final int MAX_BATCH = 256;
    private static final long FIRST_BACKOFF_MILLIS = 200;

    private final CdnPurge settings;
    private final int retries;
    private final BlockingQueue<Purge> queue;
    private final LongAdder sent = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Thread sender;
    private volatile boolean stopped;

    private record Purge(Collection<String> tags, Collection<String> paths) {
    }

    public CdnPurger(CdnPurge settings, int queueSize, int retries) {
        this.settings = settings;
        this.retries = retries;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.sender = new Thread(this::run, "cacheweaver-cdn-purge");
        sender.setDaemon(true);
        sender.start();
    }

    public CdnPurge settings() {
        return settings;
    }

    /** Queues a purge of these tags and request paths; returns at once, whatever happens to the CDN. */
    public void purge(Collection<String> tags, Collection<String> paths) {
        if (stopped || (tags.isEmpty() && paths.isEmpty())) {
            return;
        }
        if (!queue.offer(new Purge(java.util.List.copyOf(tags), java.util.List.copyOf(paths)))) {
            dropped.increment();
            AgentLog.warnRateLimited("cdn-queue-full", "cdn purge: the queue is full (" + queue.size() + " purges waiting for "
                    + settings.redactedUrl() + "); purges are dropped until it drains");
        }
    }

    public long sent() {
        return sent.sum();
    }

    public long failures() {
        return failures.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    /** Stops sending; what is queued is dropped (a rules reload replaced this purger, or the JVM ends). */
    public void stop() {
        stopped = true;
        sender.interrupt();
    }

    private void run() {
        while (!stopped) {
            try {
                Purge first = queue.take();
                Set<String> tags = new LinkedHashSet<>(first.tags());
                Set<String> paths = new LinkedHashSet<>(first.paths());
                for (Purge next = queue.peek(); next != null && tags.size() + paths.size() < MAX_BATCH; next = queue.peek()) {
                    queue.poll();
                    tags.addAll(next.tags());
                    paths.addAll(next.paths());
                }
                sendWithRetries(json(tags, paths), tags.size(), paths.size());
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                AgentLog.warnRateLimited("cdn-purge-internal", "cdn purge: internal error: " + AgentLog.describe(t));
            }
        }
    }

    private void sendWithRetries(byte[] body, int tags, int paths) throws InterruptedException {
        long backoff = FIRST_BACKOFF_MILLIS;
        String lastProblem = null;
        for (int attempt = 0; attempt <= retries && !stopped; attempt++) {
            if (attempt > 0) {
                TimeUnit.MILLISECONDS.sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
            lastProblem = post(body);
            if (lastProblem == null) {
                sent.increment();
                AgentLog.debug(() -> "cdn purge: sent " + tags + " tag(s) and " + paths + " path(s) to " + settings.redactedUrl());
                return;
            }
            failures.increment();
        }
        String why = lastProblem;
        AgentLog.warnRateLimited("cdn-purge-failed", "cdn purge: giving up on " + tags + " tag(s) and " + paths + " path(s) after "
                + (retries + 1) + " attempt(s) to " + settings.redactedUrl() + ": " + why);
    }

    /** One POST; {@code null} on a 2xx answer, else what went wrong (never a header value). */
    private String post(byte[] body) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) new URL(settings.url()).openConnection();
            int timeout = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
            connection.setConnectTimeout(timeout);
            connection.setReadTimeout(timeout);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setInstanceFollowRedirects(false);
            connection.setRequestProperty("Content-Type", "application/json");
            settings.headers().forEach(connection::setRequestProperty);
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            drain(status < 400 ? connection.getInputStream() : connection.getErrorStream());
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (IOException | RuntimeException e) {
            return e.getClass().getSimpleName(); // messages may quote the URL, query string included
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        if (in != null) {
            try (in) {
                in.readNBytes(64 * 1024);
            }
        }
    }

    static byte[] json(Collection<String> tags, Collection<String> paths) {
        StringBuilder out = new StringBuilder("{\"tags\":");
        array(out, tags);
        out.append(",\"paths\":");
        array(out, paths);
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void array(StringBuilder out, Collection<String> values) {
        out.append('[');
        boolean first = true;
        for (String value : values) {
            out.append(first ? "\"" : ",\"");
            first = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
        out.append(']');
    }
}
