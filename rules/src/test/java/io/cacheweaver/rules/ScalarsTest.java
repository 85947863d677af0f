package io.cacheweaver.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations, ${VAR} expansion and URL redaction. */
class ScalarsTest {
    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "10m, PT10M", "2h, PT2H", "1d, PT24H", "PT10M, PT10M",
            "P1DT2H, PT26H", "pt5s, PT5S", "0s, PT0S", "-PT1S, PT-1S"})
    void durations(String text, String iso) {
        assertEquals(Optional.of(Duration.parse(iso)), DurationParser.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10 minutes", "10", "m", "1.5h", "10M", "1w", "PT", "P1Y", "-5s", ""})
    void invalidDurations(String text) {
        assertEquals(Optional.empty(), DurationParser.parse(text));
    }

    private final EnvExpander env = new EnvExpander(Map.of("HOST", "db", "EMPTY", "", "A.B", "dotted")::get);

    @Test
    void expansion() throws Exception {
        assertEquals("redis://db:6379", env.expand("redis://${HOST}:6379"));
        assertEquals("db-db", env.expand("${HOST}-${HOST}"));
        assertEquals("x", env.expand("${NOPE:-x}"));
        assertEquals("fallback", env.expand("${EMPTY:-fallback}"));
        assertEquals("", env.expand("${EMPTY}"));
        assertEquals("", env.expand("${NOPE:-}"));
        assertEquals("a:b", env.expand("${NOPE:-a:b}"));
        assertEquals("dotted", env.expand("${A.B}"));
        assertEquals("literal ${HOST}", env.expand("literal $${HOST}"));
        assertEquals("cost $5 and $x", env.expand("cost $5 and $x"));
    }

    @Test
    void expansionErrors() {
        EnvExpander.ExpansionException unset = assertThrows(EnvExpander.ExpansionException.class,
                () -> env.expand("x ${NOPE}"));
        assertEquals("environment variable NOPE is not set and has no default; set it or write ${NOPE:-default}",
                unset.getMessage());
        assertEquals(2, unset.offset());
        assertEquals("unclosed \"${\"; write $${ for a literal ${",
                assertThrows(EnvExpander.ExpansionException.class, () -> env.expand("${HOST")).getMessage());
        assertEquals("invalid variable reference \"${1X}\"; expected ${NAME} or ${NAME:-default}",
                assertThrows(EnvExpander.ExpansionException.class, () -> env.expand("${1X}")).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "redis://localhost:6379/0|redis://localhost:6379/0",
            "redis://user:secret@host:6379|redis://user:***@host:6379",
            "redis://:secret@host|redis://:***@host",
            "rediss://secret@host|rediss://***@host",
            "redis://u:pa/ss@w:rd@host:1/2|redis://u:***@host:1/2",
            "u:pw@host|u:***@host",
    })
    void redaction(String url, String redacted) {
        assertEquals(redacted, RedisSettings.redact(url));
        assertEquals(redacted, new RedisSettings(url, "cw:", Duration.ZERO).redactedUrl());
    }

    @ParameterizedTest
    @CsvSource({"redis://localhost, true", "redis://h:6379/15, true", "rediss://u:p@h.example.com:6380, true",
            "redis://[::1]:6379, true", "redis://h:0, false", "redis://h:70000, false", "http://h:1, false",
            "redis://, false", "redis://h:1/x, false", "localhost:6379, false", "redis://h h:1, false"})
    void redisUrlValidation(String url, boolean valid) {
        assertEquals(valid, RedisReader.valid(url));
    }
}
