package io.cacheweaver.runtime.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.runtime.remote.RemoteLayer.RemoteHit;
import io.cacheweaver.runtime.remote.ValueType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The tag header of stored values, the documented JSON messages, and the outbox bound. */
class TagWireFormatTest {
    private static final ValueType STRING = new ValueType(String.class, null);
    private final JsonCodec codec = new JsonCodec(1 << 20);

    @Test
    void taggedValuesCarryTheirTagsAndOldValuesStillDecode() throws Exception {
        byte[] body = codec.encode("page", 60_000);
        byte[] stored = TagHeader.prepend(new String[] {"product:1", "odd;,#\n:tag"}, new long[] {-5, 0}, body);
        RemoteHit hit = codec.decode(stored, STRING);
        assertEquals("page", hit.value());
        assertEquals(60_000, hit.freshMillis());
        assertArrayEquals(new String[] {"product:1", "odd;,#\n:tag"}, hit.tags());
        assertArrayEquals(new long[] {-5, 0}, TagHeader.read(stored).generations());
        RemoteHit old = codec.decode("J\"v\"".getBytes(StandardCharsets.UTF_8), STRING);
        assertEquals("v", old.value());
        assertNull(old.tags());
        RemoteHit oldFresh = codec.decode(("F" + System.currentTimeMillis() + ",1000;J\"v\"").getBytes(StandardCharsets.UTF_8), STRING);
        assertEquals(1000, oldFresh.freshMillis());
        assertNull(TagHeader.read(new byte[] {ConditionalSet.TOMBSTONE}), "a tombstone is not a tag header");
    }

    @Test
    void theDocumentedMessagesParseAndAnythingElseIsRejected() {
        assertEquals(ExternalMessage.key("products", "42"), ExternalMessage.parse("{\"cache\":\"products\",\"key\":\"42\"}"));
        assertEquals(ExternalMessage.key("products", "42"), ExternalMessage.parse(" {\"cache\":\"products\",\"key\":42}"));
        assertEquals(ExternalMessage.all("products"), ExternalMessage.parse("{\"cache\":\"products\",\"all\":true}"));
        assertEquals(ExternalMessage.tag("product:42"), ExternalMessage.parse("{\"tag\":\"product:42\"}"));
        for (String bad : new String[] {"", "hello", "{", "[]", "{}", "{\"cache\":\"p\"}", "{\"cache\":\"p\",\"all\":false}",
                "{\"cache\":\"p\",\"key\":\"1\",\"all\":true}", "{\"tag\":\"\"}", "{\"tag\":\"x\",\"cache\":\"p\"}",
                "{\"cache\":\"p\",\"key\":{}}", "{\"cache\":\"p\",\"key\":\"1\",\"extra\":1}"}) {
            assertNull(ExternalMessage.parse(bad), bad);
        }
        for (ExternalMessage m : new ExternalMessage[] {ExternalMessage.key("a\"b", "k\n"), ExternalMessage.all("c"),
                ExternalMessage.tag("t")}) {
            assertEquals(m, ExternalMessage.parse(m.format()), "round trip of " + m.format());
        }
    }

    @Test
    void pastItsBoundTheOutboxCollapsesIntoClears() {
        Outbox outbox = new Outbox(3);
        outbox.add(new Outbox.Key("a", "1"));
        outbox.add(new Outbox.Key("a", "1"));
        outbox.add(new Outbox.Key("b", "2"));
        outbox.add(new Outbox.All("c"));
        assertEquals(3, outbox.size(), "duplicates are remembered once");
        outbox.add(new Outbox.Key("a", "3"));
        assertEquals(1, outbox.collapses());
        Outbox.Drain drain = outbox.take();
        assertEquals(java.util.List.of(new Outbox.All("a"), new Outbox.All("b"), new Outbox.All("c")), drain.ops());
        assertTrue(outbox.pending(), "until the drain is applied, calls must wait for the replay");
        outbox.replayed();
        assertTrue(!outbox.pending());
        outbox.add(new Outbox.Tag("t1"));
        outbox.add(new Outbox.Tag("t2"));
        outbox.add(new Outbox.Tag("t3"));
        outbox.add(new Outbox.Tag("t4"));
        assertTrue(outbox.take().everyCache(), "a tag may be on any cache: every cache is cleared");
    }

    @Test
    void invalidationsBeingReplayedStillCountTowardTheBound() {
        Outbox outbox = new Outbox(2);
        outbox.add(new Outbox.Tag("t1"));
        outbox.add(new Outbox.Tag("t2"));
        Outbox.Drain inFlight = outbox.take(); // a replay started while Redis was still unreachable
        assertEquals(2, inFlight.ops().size());
        outbox.add(new Outbox.Tag("t3"));
        assertEquals(1, outbox.collapses(), "three outstanding, bound two: what is left collapses");
        outbox.replayed(); // t1 and t2 did reach Redis
        assertTrue(outbox.pending(), "the clear of every cache is still to be replayed");
        assertTrue(outbox.take().everyCache());
        outbox.replayed();
        outbox.add(new Outbox.Tag("t4"));
        outbox.add(new Outbox.Tag("t5"));
        assertEquals(1, outbox.collapses(), "once replayed, nothing counts any more");
    }
}
