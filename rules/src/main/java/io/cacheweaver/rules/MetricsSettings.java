package io.cacheweaver.rules;

import java.time.Duration;

/**
 * The {@code metrics:} section (contract §11).
 *
 * @param prometheus where to serve {@code GET /metrics}, or {@code null} for no endpoint
 * @param slowRemote Redis calls at least this slow are logged (rate-limited), or {@code null} for never
 */
public record MetricsSettings(Prometheus prometheus, Duration slowRemote) {
    /** No endpoint, no slow-call log: what a file without {@code metrics:} means. */
    public static final MetricsSettings NONE = new MetricsSettings(null, null);

    /**
     * {@code metrics.prometheus}.
     *
     * @param host the address to bind; default {@code 127.0.0.1} (loopback: exposing it is the operator's choice)
     * @param port 1–65535, or 0 for any free port (the log line names the one bound)
     */
    public record Prometheus(String host, int port) {
        public static final String DEFAULT_HOST = "127.0.0.1";
        public static final int DEFAULT_PORT = 9464;
    }
}
