package io.cacheweaver.runtime.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RedisEndpointTest {
    @Test
    void parsesEveryUrlForm() {
        assertEquals(new RedisEndpoint("localhost", 6379, null, null, 0, false), RedisEndpoint.parse("redis://localhost"));
        assertEquals(new RedisEndpoint("h", 7000, null, null, 3, false), RedisEndpoint.parse("redis://h:7000/3"));
        assertEquals(new RedisEndpoint("h", 6380, "app", "p@ss:w/rd", 1, true), RedisEndpoint.parse("rediss://app:p@ss:w/rd@h:6380/1"));
        assertEquals(new RedisEndpoint("h", 6379, null, "secret", 0, false), RedisEndpoint.parse("redis://secret@h"));
        assertEquals(new RedisEndpoint("h", 6379, null, "pw", 0, false), RedisEndpoint.parse("redis://:pw@h:6379/"));
        assertEquals(new RedisEndpoint("::1", 6390, "u", "a b%zz", 0, false), RedisEndpoint.parse("redis://u:a%20b%zz@[::1]:6390"));
    }

    @Test
    void neverShowsThePassword() {
        RedisEndpoint endpoint = RedisEndpoint.parse("rediss://app:topsecret@h:6380/1");
        assertEquals("rediss://app:***@h:6380/1", endpoint.toString());
        assertFalse(RedisEndpoint.parse("redis://topsecret@h").toString().contains("topsecret"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisEndpoint.parse("http://u:topsecret@h"));
        assertFalse(e.getMessage().contains("topsecret"));
    }
}
