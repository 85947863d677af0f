package io.cacheweaver.runtime.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {

    private static AgentSettings resolve(String args, Map<String, String> properties, Map<String, String> environment) {
        return AgentSettings.resolve(args, properties, environment);
    }

    @Test
    void defaultsWhenNothingIsSet() {
        AgentSettings settings = AgentSettings.defaults();
        assertNull(settings.get(Settings.RULES));
        assertTrue(settings.get(Settings.ENABLED));
        assertFalse(settings.get(Settings.STRICT));
        assertFalse(settings.get(Settings.DEBUG));
        assertTrue(settings.get(Settings.JMX));
        assertEquals(Duration.ofSeconds(5), settings.get(Settings.JMX_DELAY));
        assertFalse(settings.get(Settings.JMX_READ_ONLY));
        assertEquals(Duration.ofSeconds(1), settings.get(Settings.SLOW_LOAD));
        assertEquals(16, settings.get(Settings.REDIS_POOL_MAX_TOTAL));
        assertNull(settings.get(Settings.REDIS_CONNECT_TIMEOUT), "derived from the rules' timeout");
        assertEquals(List.of(), settings.problems());
        assertEquals("default", settings.origin(Settings.STRICT));
    }

    @Test
    void agentArgumentWinsOverSystemPropertyWhichWinsOverEnvironment() {
        Map<String, String> env = Map.of("CACHEWEAVER_RULES", "env.yaml", "CACHEWEAVER_STRICT", "true",
                "CACHEWEAVER_JMX_READONLY", "true", "CACHEWEAVER_REDIS_POOLMAXTOTAL", "3");
        Map<String, String> props = Map.of("cacheweaver.rules", "prop.yaml", "cacheweaver.strict", "false");
        AgentSettings settings = resolve("rules=arg.yaml", props, env);
        assertEquals("arg.yaml", settings.get(Settings.RULES));
        assertEquals("agent argument rules=arg.yaml", settings.origin(Settings.RULES));
        assertFalse(settings.get(Settings.STRICT));
        assertEquals("system property -Dcacheweaver.strict=false", settings.origin(Settings.STRICT));
        assertTrue(settings.get(Settings.JMX_READ_ONLY));
        assertEquals("environment variable CACHEWEAVER_JMX_READONLY=true", settings.origin(Settings.JMX_READ_ONLY));
        assertEquals(3, settings.get(Settings.REDIS_POOL_MAX_TOTAL));
        assertEquals(List.of(), settings.problems());
    }

    @Test
    void everyKnobHasThreeSpellings() {
        Set<String> variables = new HashSet<>();
        for (Setting<?> setting : Settings.all()) {
            assertEquals("cacheweaver." + setting.key(), setting.property());
            assertTrue(variables.add(setting.variable()), "two knobs share " + setting.variable());
        }
        assertEquals("CACHEWEAVER_JMX_DELAY", Settings.JMX_DELAY.variable());
        assertEquals("CACHEWEAVER_SLOWLOAD", Settings.SLOW_LOAD.variable());
    }

    @Test
    void aBadValueNamesTheSettingTheValueAndWhatIsAllowedAndTheDefaultApplies() {
        AgentSettings settings = resolve("enabled=no", Map.of("cacheweaver.redis.poolMaxTotal", "0",
                "cacheweaver.slowLoad", "soon"), Map.of("CACHEWEAVER_JMX_DELAY", "-5s"));
        assertEquals(List.of(
                "agent argument enabled=no: not allowed, expected true or false; using the default, true",
                "environment variable CACHEWEAVER_JMX_DELAY=-5s: not allowed, expected a duration above zero: 250ms, 5s, 1m,"
                        + " or plain milliseconds; using the default, 5s",
                "system property -Dcacheweaver.slowLoad=soon: not allowed, expected a duration above zero (250ms, 1s,"
                        + " plain milliseconds) or off; using the default, 1s",
                "system property -Dcacheweaver.redis.poolMaxTotal=0: not allowed, expected a whole number above 0;"
                        + " using the default, 16"), settings.problems());
        assertTrue(settings.get(Settings.ENABLED));
        assertEquals(16, settings.get(Settings.REDIS_POOL_MAX_TOTAL));
    }

    @Test
    void booleansAreTrueOrFalseOnlyAsInTheRulesFile() {
        for (String no : List.of("yes", "no", "1", "on", "")) {
            assertEquals(1, resolve("debug=" + no, Map.of(), Map.of()).problems().size(), no);
        }
        assertTrue(resolve("debug=TRUE", Map.of(), Map.of()).get(Settings.DEBUG));
    }

    @Test
    void durationsTakeUnitsOrPlainMillisecondsAndSlowLoadTakesOff() {
        assertEquals(Duration.ofMillis(250), resolve("slowLoad=250ms", Map.of(), Map.of()).get(Settings.SLOW_LOAD));
        assertEquals(Setting.OFF, resolve("slowLoad=off", Map.of(), Map.of()).get(Settings.SLOW_LOAD));
        assertEquals(Duration.ofMillis(1500), resolve(null, Map.of("cacheweaver.jmx.delay", "1500"), Map.of()).get(Settings.JMX_DELAY));
        assertEquals(Duration.ofMinutes(2), resolve("redis.leaseTime=2m", Map.of(), Map.of()).get(Settings.REDIS_LEASE_TIME));
    }

    @Test
    void unknownKeysAreReportedWithTheNearestKnownOne() {
        List<String> problems = resolve("rules=a.yaml,degub=true", Map.of(), Map.of()).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("unknown agent argument 'degub' (in 'degub=true'); did you mean debug? known keys: rules,"
                + " enabled, strict, debug, jmx, jmx.delay, jmx.readOnly, slowLoad, refresh.threads, refresh.queue, "), problems.get(0));
        assertTrue(problems.get(0).contains(", redis.* (docs/operations.md lists them all)"), problems.get(0));
        assertTrue(resolve("rule=a.yaml", Map.of(), Map.of()).problems().get(0).contains("did you mean rules?"));
        assertEquals(List.of("unknown system property -Dcacheweaver.slowload; did you mean -Dcacheweaver.slowLoad?"
                        + " (docs/operations.md lists every setting)",
                "unknown environment variable CACHEWEAVER_DEGUB; did you mean CACHEWEAVER_DEBUG? (docs/operations.md lists every setting)"),
                resolve(null, Map.of("cacheweaver.slowload", "1s"), Map.of("CACHEWEAVER_DEGUB", "true", "PATH", "/bin")).warnings());
        assertEquals(List.of(), resolve(null, Map.of("cacheweaver.slowload", "1s"), Map.of()).problems(),
                "the prefix is not ours alone: a warning, which strict mode does not stop on");
    }

    @Test
    void malformedArgumentsSayWhatWasProbablyMeant() {
        assertEquals(List.of("agent argument '=cache-rules.yaml' has no key; did you mean rules=cache-rules.yaml?"),
                resolve("=cache-rules.yaml", Map.of(), Map.of()).problems());
        assertEquals(List.of("agent argument 'cache-rules.yml' is not key=value; did you mean rules=cache-rules.yml?"),
                resolve("cache-rules.yml", Map.of(), Map.of()).problems());
        assertEquals(List.of("agent argument 'debug' has no value; expected debug=VALUE"), resolve("debug", Map.of(), Map.of()).problems());
        assertEquals(List.of("agent argument 'rules' is given twice; the last one counts: 'rules=b.yaml'"),
                resolve("rules=a.yaml,rules=b.yaml", Map.of(), Map.of()).problems());
        assertEquals("b.yaml", resolve("rules=a.yaml,rules=b.yaml", Map.of(), Map.of()).get(Settings.RULES));
        assertEquals(List.of(), resolve("rules=a.yaml,,", Map.of(), Map.of()).problems(), "stray commas mean nothing");
    }

    @Test
    void theDebugLineListsWhatIsNotAtItsDefaultAndWhereItCameFrom() {
        assertEquals("all defaults", AgentSettings.defaults().describeNonDefaults());
        assertEquals("slowLoad=off (agent argument slowLoad=off), redis.breakerOpen=200ms (system property"
                        + " -Dcacheweaver.redis.breakerOpen=200ms)",
                resolve("slowLoad=off", Map.of("cacheweaver.redis.breakerOpen", "200ms"), Map.of()).describeNonDefaults());
    }

    @Test
    void theAttachReportArgumentIsNotASetting() {
        AgentSettings settings = resolve("rules=a.yaml,report=/tmp/r.txt", Map.of(), Map.of("CACHEWEAVER_REPORT", "/x"));
        assertEquals("/tmp/r.txt", settings.attachReport());
        assertEquals(1, settings.warnings().size(), "only as an agent argument: " + settings.warnings());
        assertNull(resolve(null, Map.of(), Map.of()).attachReport());
    }
}
