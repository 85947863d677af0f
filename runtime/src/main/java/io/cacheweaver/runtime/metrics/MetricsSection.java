package io.cacheweaver.runtime.metrics;

import io.cacheweaver.rules.MetricsSettings;
import io.cacheweaver.runtime.CacheRuntime;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Applies the rules file's {@code metrics:} section, at startup and after every reload: the slow
 * Redis call threshold, and the Prometheus endpoint, which a reload starts, moves or stops. The
 * first start waits, on a daemon thread, until the application has set up its logging (see
 * {@link DeferredStart}); nothing here runs in premain.
 */
public final class MetricsSection {
    private final MetricsExport export;
    private final BooleanSupplier logManagerLoaded;
    private final Duration maxDelay;
    private MetricsSettings.Prometheus wanted;  // guarded by this
    private PrometheusEndpoint endpoint;       // guarded by this; null when not serving
    private boolean deferred = true;           // guarded by this; false once the first start has waited

    public MetricsSection(CacheRuntime runtime, BooleanSupplier logManagerLoaded, Duration maxDelay) {
        this.export = new MetricsExport(runtime);
        this.logManagerLoaded = logManagerLoaded;
        this.maxDelay = maxDelay;
    }

    public synchronized void apply(MetricsSettings settings) {
        SlowRemoteCalls.threshold(settings.slowRemote());
        MetricsSettings.Prometheus next = settings.prometheus();
        if (Objects.equals(next, wanted)) {
            return;
        }
        wanted = next;
        BooleanSupplier ready = deferred ? logManagerLoaded : () -> true;
        DeferredStart.afterLogging("cacheweaver-metrics-start", ready, deferred ? maxDelay : Duration.ZERO, this::serveWanted);
    }

    /** The port being served, or -1: for tests and the log. */
    public synchronized int port() {
        return endpoint == null ? -1 : endpoint.port();
    }

    private synchronized void serveWanted() {
        deferred = false;
        if (endpoint != null) {
            endpoint.stop();
            endpoint = null;
        }
        if (wanted != null) {
            endpoint = PrometheusEndpoint.start(wanted, export::scrape);
        }
    }
}
