package io.cacheweaver.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One grammar for the validator and the connections: what one accepts, the other can connect to. */
class RedisUrlTest {
    @Test
    void readsEveryPart() {
        assertEquals(new RedisUrl("h", 6380, "app", "p@ss:w/rd", 1, true), RedisUrl.parse("rediss://app:p@ss:w/rd@h:6380/1"));
        assertEquals(new RedisUrl("::1", 6379, null, "s", 0, false), RedisUrl.parse("redis://s@[::1]/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://h h:1", "redis://h:1/x", "redis://", "redis://h:0", "redis://h:70000", "http://h:1",
            "redis://u:topsecret@h:99999", "redis://u:topsecret@"})
    void rejectsWhatTheValidatorRejectsWithoutShowingThePassword(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse(url));
        assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
        assertFalse(RedisReader.valid(url));
    }
}
