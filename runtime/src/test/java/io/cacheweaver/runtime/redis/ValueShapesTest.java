package io.cacheweaver.runtime.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.rules.RedisValues;
import io.cacheweaver.runtime.remote.ValueType;
import java.beans.ConstructorProperties;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.proxy.HibernateProxy;
import org.junit.jupiter.api.Test;

/** Every shape rules-v1 §10 names, read back equal into the declared generic type; the allow-list; compression. */
class ValueShapesTest {
    private static final List<String> TYPES = List.of("io.cacheweaver.runtime.redis.ValueShapesTest$*");
    private final JsonCodec plain = new JsonCodec(1 << 20);
    private final JsonCodec typed = new JsonCodec(1 << 20, new RedisValues(TYPES, 0, "lz4", 0));

    enum Status { ACTIVE, RETIRED }

    record Times(LocalDate date, LocalDateTime dateTime, LocalTime time, Instant instant, ZonedDateTime zoned,
                 OffsetDateTime offset, Duration duration, Period period, Year year, YearMonth yearMonth, MonthDay monthDay,
                 ZoneId zone) {
    }

    record Money(BigDecimal amount, BigInteger cents, UUID id, Optional<String> note, Optional<Status> status) {
    }

    /** Immutable, no no-arg constructor, parameters named like the fields (compiled with -parameters). */
    static final class Owner {
        private final long id;
        private final String name;
        private final LocalDate since;
        private final List<Pet> pets;

        Owner(long id, String name, LocalDate since, List<Pet> pets) {
            this.id = id;
            this.name = name;
            this.since = since;
            this.pets = pets;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Owner other && id == other.id && name.equals(other.name) && since.equals(other.since)
                    && pets.equals(other.pets);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, name);
        }
    }

    /** Immutable with @ConstructorProperties whose names differ from the parameters'. */
    static final class Pet {
        private final String name;
        private final Status status;

        @ConstructorProperties({"name", "status"})
        Pet(String n, Status s) {
            this.name = n;
            this.status = s;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pet other && name.equals(other.name) && status == other.status;
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    /** Like Spring Data's PageRequest: the constructor's parameters are not named like the fields, and it validates. */
    static final class PageLike implements Serializable, Listing<String> {
        private static final long serialVersionUID = 1L;
        private final int page;
        private final int size;
        private final List<String> content;

        PageLike(int pageNumber, int pageSize, List<String> items) {
            if (pageSize < 1) {
                throw new IllegalArgumentException("Page size must not be less than one");
            }
            this.page = pageNumber;
            this.size = pageSize;
            this.content = items;
        }

        @Override
        public List<String> items() {
            return content;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PageLike other && page == other.page && size == other.size && content.equals(other.content);
        }

        @Override
        public int hashCode() {
            return page;
        }
    }

    interface Listing<T> {
        List<T> items();
    }

    /** A JavaBean. */
    public static class Bean {
        private String name;
        private int[] scores;
        private Map<String, List<Times>> history = new TreeMap<>();

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bean other && name.equals(other.name) && Arrays.equals(scores, other.scores)
                    && history.equals(other.history);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    public static Listing<String> listing() {
        return null;
    }

    public static Map<Status, List<Owner>> ownersByStatus() {
        return null;
    }

    public static Optional<Owner> maybeOwner() {
        return Optional.empty();
    }

    public static Owner[] ownerArray() {
        return null;
    }

    public static Set<UUID> uuids() {
        return null;
    }

    public static List<Object> objects() {
        return null;
    }

    private static Type returnType(String method) {
        try {
            return ValueShapesTest.class.getMethod(method).getGenericReturnType();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static Object roundTrip(JsonCodec codec, Object value, Type type) throws IOException {
        ValueType valueType = new ValueType(type, ValueShapesTest.class.getClassLoader());
        return codec.decode(codec.encode(value, 0, valueType), valueType).value();
    }

    private void assertRoundTrips(Object value, Type type) throws IOException {
        for (JsonCodec codec : List.of(plain, typed)) {
            Object back = roundTrip(codec, value, type);
            if (value instanceof Object[] array) {
                assertArrayEquals(array, (Object[]) back);
            } else {
                assertEquals(value, back);
            }
        }
    }

    private static Times times() {
        return new Times(LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789),
                LocalTime.of(23, 59, 59, 999_999_999), Instant.ofEpochSecond(1_700_000_000L, 42),
                ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 7, ZoneId.of("Europe/Paris")),
                OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 10, ZoneOffset.ofHoursMinutes(5, 30)), Duration.ofNanos(1_000_000_001L),
                Period.of(1, 2, 3), Year.of(2024), YearMonth.of(2024, 12), MonthDay.of(2, 29), ZoneId.of("America/New_York"));
    }

    private static Owner owner(long id) {
        return new Owner(id, "owner" + id, LocalDate.of(2020, 1, (int) id), List.of(new Pet("rex", Status.ACTIVE)));
    }

    @Test
    void javaTimeValuesKeepZonesOffsetsAndNanoseconds() throws IOException {
        assertRoundTrips(times(), Times.class);
        Times back = (Times) roundTrip(plain, times(), Times.class);
        assertEquals(ZoneId.of("Europe/Paris"), back.zoned().getZone());
        assertEquals(ZoneOffset.ofHoursMinutes(5, 30), back.offset().getOffset());
        assertEquals(LocalDate.of(2024, 2, 29), roundTrip(plain, LocalDate.of(2024, 2, 29), LocalDate.class));
    }

    @Test
    void numbersIdsAndOptionalsKeepScaleAndPresence() throws IOException {
        assertRoundTrips(new Money(new BigDecimal("10.500"), new BigInteger("123456789012345678901234567890"), UUID.randomUUID(),
                Optional.of("n"), Optional.empty()), Money.class);
        Money back = (Money) roundTrip(plain, new Money(new BigDecimal("1.10"), BigInteger.ONE, UUID.randomUUID(), Optional.empty(),
                Optional.of(Status.RETIRED)), Money.class);
        assertEquals(2, back.amount().scale());
        assertEquals(Optional.of(Status.RETIRED), back.status());
        assertRoundTrips(Optional.of(owner(1)), returnType("maybeOwner"));
        assertRoundTrips(Optional.empty(), returnType("maybeOwner"));
    }

    @Test
    void immutableClassesBeansEnumsArraysCollectionsAndMapsRoundTrip() throws IOException {
        assertRoundTrips(owner(3), Owner.class);
        assertRoundTrips(new Pet("tom", Status.RETIRED), Pet.class);
        assertRoundTrips(Status.RETIRED, Status.class);
        Bean bean = new Bean();
        bean.name = "b";
        bean.scores = new int[] {1, 2};
        bean.history.put("k", List.of(times()));
        assertRoundTrips(bean, Bean.class);
        assertRoundTrips(Map.of(Status.ACTIVE, List.of(owner(1), owner(2))), returnType("ownersByStatus"));
        assertRoundTrips(new Owner[] {owner(4)}, returnType("ownerArray"));
        assertRoundTrips(Set.of(UUID.randomUUID()), returnType("uuids"));
    }

    @Test
    void aClassWhoseConstructorDoesNotNameItsFieldsIsFilledThroughItsFields() throws IOException {
        PageLike page = new PageLike(2, 5, List.of("a"));
        assertEquals(page, roundTrip(plain, page, PageLike.class));
    }

    @Test
    void anInterfaceTypedValueRecordsItsAllowedClassAndReadsBackAsIt() throws IOException {
        PageLike page = new PageLike(1, 10, List.of("x", "y"));
        ValueType listing = new ValueType(returnType("listing"), getClass().getClassLoader());
        byte[] stored = typed.encode(page, 0, listing);
        assertTrue(new String(stored, StandardCharsets.UTF_8).startsWith("Cio.cacheweaver.runtime.redis.ValueShapesTest$PageLike "));
        assertEquals(page, typed.decode(stored, listing).value());
        List<Object> mixed = new ArrayList<>(List.of("s", 5L, owner(1), LocalDate.of(2024, 1, 1), new BigDecimal("2.50")));
        assertEquals(mixed, roundTrip(typed, mixed, returnType("objects")));
    }

    @Test
    void withoutAnAllowListAnInterfaceTypedValueIsNotStored() {
        ValueType listing = new ValueType(returnType2(), getClass().getClassLoader());
        IOException e = assertThrows(IOException.class, () -> plain.encode(new PageLike(1, 1, List.of()), 0, listing));
        assertTrue(e.getMessage().contains("redis.types"), e.getMessage());
    }

    private static Type returnType2() {
        return returnType("listing");
    }

    @Test
    void classesOutsideTheAllowListOrNotAssignableAreRefusedBeforeLoading() throws Exception {
        ValueType listing = new ValueType(returnType("listing"), getClass().getClassLoader());
        ValueType objects = new ValueType(returnType("objects"), getClass().getClassLoader());
        for (String text : List.of("Cjavax.script.ScriptEngineManager {}", "Ccom.example.DoesNotExist {}",
                "Cio.cacheweaver.runtime.redis.ValueShapesTest$Pet {\"name\":\"x\"}", "Cjava.lang.String \"x\"", "C", "Cnospace")) {
            assertThrows(IOException.class, () -> typed.decode(text.getBytes(StandardCharsets.UTF_8), listing), text);
        }
        for (String text : List.of("J[[\"javax.script.ScriptEngineManager\",{}]]", "J[[\"java.lang.ProcessBuilder\",[\"x\"]]]",
                "J[[\"org.springframework.context.support.ClassPathXmlApplicationContext\",\"http://127.0.0.1:1/\"]]")) {
            assertThrows(Exception.class, () -> typed.decode(text.getBytes(StandardCharsets.UTF_8), objects), text);
        }
    }

    @Test
    void compressedValuesAreSmallerAndEveryInstanceReadsThem() throws IOException {
        List<Owner> many = new ArrayList<>();
        for (int i = 1; i <= 28; i++) {
            many.add(owner(i));
        }
        ValueType type = new ValueType(List.class, getClass().getClassLoader());
        byte[] uncompressed = plain.encode(many, 0, null);
        for (String codec : RedisValues.CODECS) {
            JsonCodec compressing = new JsonCodec(1 << 20, new RedisValues(List.of(), 1024, codec, 0));
            byte[] stored = compressing.encode(many, 60_000, null);
            assertTrue(stored.length * 3 < uncompressed.length, codec + ": " + stored.length + " vs " + uncompressed.length);
            assertEquals(plain.decode(uncompressed, type).value(), plain.decode(stored, type).value(), codec);
            assertEquals(60_000, plain.decode(stored, type).freshMillis(), "the freshness header stays in front");
            assertEquals('J', compressing.encode("small", 0, null)[0], "small values stay uncompressed");
        }
    }

    @Test
    void lz4RoundTripsAnyInputAndRejectsCorruptData() throws IOException {
        Random random = new Random(7);
        for (int n = 0; n < 300; n++) {
            byte[] data = new byte[random.nextInt(5000)];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (n % 3 == 0 ? random.nextInt() : 'a' + random.nextInt(1 + n % 5));
            }
            byte[] packed = Lz4Block.compress(data);
            assertArrayEquals(data, Lz4Block.decompress(packed, 0, packed.length, data.length));
            if (packed.length > 4) {
                packed[packed.length / 2] ^= 0x5A;
                try {
                    Lz4Block.decompress(packed, 0, packed.length, data.length); // may still decode: never out of bounds
                } catch (IOException expected) {
                    // corrupt
                }
            }
        }
        byte[] bomb = "Z4\u007f\u0000\u0000\u0000xx".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(IOException.class, () -> plain.decode(bomb, new ValueType(String.class, null)));
    }

    /** A stand-in for a Hibernate lazy proxy: writing it must not initialise it. */
    static final class OwnerProxy implements HibernateProxy {
        final Initializer initializer = new Initializer();

        @Override
        public Object getHibernateLazyInitializer() {
            return initializer;
        }

        public static final class Initializer {
            boolean initialized;
            int loads;

            public boolean isUninitialized() {
                return !initialized;
            }

            public Object getImplementation() {
                loads++;
                return owner(9);
            }
        }
    }

    static final class LazyList extends ArrayList<Pet> implements PersistentCollection {
        private static final long serialVersionUID = 1L;
        boolean initialized;

        @Override
        public boolean wasInitialized() {
            return initialized;
        }
    }

    record Holder(List<Pet> pets) {
    }

    @Test
    void uninitialisedLazyProxiesAndCollectionsAreNeverWrittenNorLoaded() throws IOException {
        OwnerProxy proxy = new OwnerProxy();
        IOException e = assertThrows(IOException.class, () -> plain.encode(proxy, 0, new ValueType(Object.class, null)));
        assertTrue(e.getMessage().contains("lazy"), e.getMessage());
        assertEquals(0, proxy.initializer.loads, "nothing was loaded");
        proxy.initializer.initialized = true;
        assertEquals(owner(9), roundTrip(plain, proxy, Owner.class), "an initialised proxy is written as its entity");

        LazyList pets = new LazyList();
        pets.add(new Pet("a", Status.ACTIVE));
        assertThrows(IOException.class, () -> plain.encode(new Holder(pets), 0, null));
        pets.initialized = true;
        assertEquals(new Holder(List.of(new Pet("a", Status.ACTIVE))), roundTrip(plain, new Holder(pets), Holder.class));
    }
}
