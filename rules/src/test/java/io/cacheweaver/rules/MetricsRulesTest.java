package io.cacheweaver.rules;

import static io.cacheweaver.rules.Yamls.load;
import static io.cacheweaver.rules.Yamls.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** metrics: (prometheus, slowRemote) and a rule's mode: values, defaults and every mistake. */
class MetricsRulesTest {

    @Test
    void metricsSectionIsReadWithDefaults() throws RulesException {
        RulesFile rules = load("""
                version: 1
                metrics:
                  prometheus: { port: 9500 }
                  slowRemote: 20ms
                caches:
                  items: {}
                """);
        assertEquals(new MetricsSettings(new MetricsSettings.Prometheus("127.0.0.1", 9500), Duration.ofMillis(20)), rules.metrics());
        RulesFile defaults = load("version: 1\nmetrics:\n  prometheus: {}\ncaches:\n  items: {}\n");
        assertEquals(new MetricsSettings.Prometheus("127.0.0.1", 9464), defaults.metrics().prometheus());
        assertNull(defaults.metrics().slowRemote());
        assertEquals(MetricsSettings.NONE, load("version: 1\ncaches:\n  items: {}\n").metrics());
        assertNull(load("version: 1\nmetrics: { slowRemote: off }\n").metrics().slowRemote());
    }

    @Test
    void modeIsLiveUnlessShadow() throws RulesException {
        RulesFile rules = load("""
                version: 1
                caches:
                  items: {}
                rules:
                  - { id: a, method: "x.Y#a", cache: items }
                  - { id: b, method: "x.Y#b", cache: items, mode: shadow }
                  - { id: c, method: "x.Y#c", cache: items, mode: live }
                """);
        assertEquals(List.of(RuleMode.LIVE, RuleMode.SHADOW, RuleMode.LIVE), rules.rules().stream().map(Rule::mode).toList());
    }

    @Test
    void mistakesAreReportedAtTheirKey() {
        assertEquals(List.of(
                "cache-rules.yaml:3:23: metrics.prometheus.port: invalid port \"99999\"; expected 1 to 65535, or 0 for any free port",
                "cache-rules.yaml:3:30: metrics.prometheus.path: unknown key \"path\"; allowed: port, host",
                "cache-rules.yaml:4:15: metrics.slowRemote: invalid duration \"soon\"; expected 500ms, 30s, 10m, 2h, 1d or ISO-8601",
                "cache-rules.yaml:8:51: rules[0].mode: invalid mode \"dry\"; allowed: live, shadow",
                "cache-rules.yaml:9:60: rules[1].mode: mode is only allowed with action: cache"),
                problems("""
                        version: 1
                        metrics:
                          prometheus: { port: 99999, path: /m }
                          slowRemote: soon
                        caches:
                          items: {}
                        rules:
                          - { id: a, method: "x.Y#a", cache: items, mode: dry }
                          - { id: b, method: "x.Y#b", cache: items, action: evict, mode: shadow }
                        """));
    }
}
