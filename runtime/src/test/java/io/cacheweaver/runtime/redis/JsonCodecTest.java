package io.cacheweaver.runtime.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.runtime.remote.ValueType;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
    private final JsonCodec codec = new JsonCodec(1 << 20);

    /** A legacy bean: private fields, getters, no setters, a computed getter, a transient field. */
    static final class Legacy {
        private long id;
        private String name;
        private List<String> tags = new ArrayList<>();
        private transient String scratch = "not stored";

        Legacy() {
        }

        Legacy(long id, String name, List<String> tags) {
            this.id = id;
            this.name = name;
            this.tags = tags;
        }

        public long getId() {
            return id;
        }

        public String getName() {
            return name;
        }

        public String getDisplay() {
            return "#" + id; // computed: not a field, so not stored
        }
    }

    /** A bean with setters, as older frameworks wrote them. */
    public static class Bean {
        private int count;
        private Legacy inner;

        public int getCount() {
            return count;
        }

        public void setCount(int count) {
            this.count = count * 1000; // a setter that transforms must not run on read-back
        }
    }

    record Point(int x, int y, List<Point> neighbours) {
    }

    public static List<Legacy> listOfLegacy() {
        return null;
    }

    public static Map<String, Point> mapOfPoints() {
        return null;
    }

    private Object roundTrip(Object value, Type type) throws IOException {
        return codec.decode(codec.encode(value), new ValueType(type, getClass().getClassLoader())).value();
    }

    private static Type returnType(String method) throws NoSuchMethodException {
        return JsonCodecTest.class.getMethod(method).getGenericReturnType();
    }

    @Test
    void legacyBeanWithoutSettersRoundTripsThroughItsFields() throws IOException {
        Legacy back = (Legacy) roundTrip(new Legacy(7, "seven", List.of("a", "b")), Legacy.class);
        assertEquals(7, back.id);
        assertEquals("seven", back.name);
        assertEquals(List.of("a", "b"), back.tags);
        assertEquals("not stored", back.scratch, "transient fields keep their initial value");
    }

    @Test
    void beanSettersAreNotCalledOnReadBack() throws IOException {
        Bean bean = new Bean();
        bean.count = 3;
        bean.inner = new Legacy(1, "x", List.of());
        Bean back = (Bean) roundTrip(bean, Bean.class);
        assertEquals(3, back.count);
        assertEquals("x", back.inner.name);
    }

    @Test
    void recordsAndGenericCollectionsReadBackAsTheDeclaredType() throws Exception {
        Point p = new Point(1, 2, List.of(new Point(3, 4, List.of())));
        assertEquals(p, roundTrip(p, Point.class));
        @SuppressWarnings("unchecked")
        List<Legacy> list = (List<Legacy>) roundTrip(List.of(new Legacy(1, "one", List.of())), returnType("listOfLegacy"));
        assertEquals("one", list.get(0).name);
        assertEquals(Map.of("a", p), roundTrip(Map.of("a", p), returnType("mapOfPoints")));
        assertEquals(42L, roundTrip(42L, Long.class));
        assertArrayEquals(new int[] {1, 2}, (int[]) roundTrip(new int[] {1, 2}, int[].class));
    }

    @Test
    void aCachedNullIsDistinctFromAnyValue() throws IOException {
        assertArrayEquals(new byte[] {'N'}, codec.encode(null));
        assertNull(roundTrip(null, String.class));
        assertEquals("N", roundTrip("N", String.class));
        assertEquals("null", roundTrip("null", String.class));
    }

    @Test
    void unknownPropertiesAreIgnoredSoOtherClassVersionsStillRead() throws IOException {
        byte[] stored = "J{\"id\":5,\"name\":\"n\",\"addedLater\":true}".getBytes(StandardCharsets.UTF_8);
        Legacy back = (Legacy) codec.decode(stored, new ValueType(Legacy.class, null)).value();
        assertEquals(5, back.id);
    }

    @Test
    void garbageGadgetsAndWrongTypesAreRejected() {
        ValueType legacy = new ValueType(Legacy.class, getClass().getClassLoader());
        for (String text : List.of("garbage", "J{not json", "J[\"javax.script.ScriptEngineManager\",\"http://127.0.0.1:1/\"]",
                "J{\"@class\":\"javax.script.ScriptEngineManager\"}x", "Jnull", "J\"text\"", "J{} {}", "")) {
            assertThrows(Exception.class, () -> codec.decode(text.getBytes(StandardCharsets.UTF_8), legacy), text);
        }
        byte[] deep = ("J" + "[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
        assertThrows(Exception.class, () -> codec.decode(deep, new ValueType(Object.class, null)));
    }

    @Test
    void aValueWithFreshnessCarriesItsAgeAndLifetimeAndAPlainOneNeither() throws IOException {
        ValueType strings = new ValueType(String.class, null);
        var fresh = codec.decode(codec.encode("v", 60_000), strings);
        assertEquals("v", fresh.value());
        assertEquals(60_000, fresh.freshMillis());
        assertTrue(fresh.ageMillis() >= 0 && fresh.ageMillis() < 5_000, "age " + fresh.ageMillis());
        assertEquals(false, fresh.stale());
        var nullWithFreshness = codec.decode(codec.encode(null, 1_000), strings);
        assertEquals(null, nullWithFreshness.value());
        assertEquals(1_000, nullWithFreshness.freshMillis());
        var plain = codec.decode(codec.encode("v", 0), strings);
        assertEquals(0, plain.freshMillis(), "no header without freshness settings: the format stays as it was");
        assertEquals('J', codec.encode("v", 0)[0]);
        byte[] old = "F1,1000;J\"v\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII); // written in 1970
        assertTrue(codec.decode(old, strings).stale(), "past its lifetime");
        assertThrows(IOException.class, () -> codec.decode("Fnope;J\"v\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII), strings));
    }

    @Test
    void valuesOverTheSizeLimitDoNotFit() throws IOException {
        JsonCodec small = new JsonCodec(100);
        byte[] stored = small.encode("x".repeat(200));
        assertEquals(false, small.fits(stored));
        assertThrows(IOException.class, () -> small.decode(stored, new ValueType(String.class, null)));
    }
}
