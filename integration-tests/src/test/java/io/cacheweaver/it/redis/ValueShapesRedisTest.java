package io.cacheweaver.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.ValueShapesConsole;
import io.cacheweaver.it.RulesFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shape of value (rules-v1 §10) through Redis with the real agent: instance a runs the method
 * and stores the value, instance b (a fresh JVM) reads it back equal without running the method.
 * a compresses large values (lz4 above 1KB); b does not compress and allows 4KB at most, so it
 * also shows that an instance without compression reads compressed values and that an oversized
 * value stays local. Both JVMs start once for the whole class.
 */
@ExtendWith(RedisExtension.class)
class ValueShapesRedisTest {
    private static final List<String> METHODS = List.of("times", "money", "maybeOwner", "owner2", "pet", "bean", "status",
            "owners", "byCity", "listing", "anything", "big");
    private static final String PREFIX = "vs" + ProcessHandle.current().pid() + ":";

    @TempDir
    static Path dir;
    private static RedisServer redis;
    private static ChildJvm a;
    private static ChildJvm b;

    private static Path rules(String name, String url, String values) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                version: 1
                redis:
                  url: "%s"
                  keyPrefix: "%s"
                  types: [fixture.app.*]
                %s
                caches:
                """.formatted(url, PREFIX, values));
        for (String method : METHODS) {
            // an empty Optional is absent, like null: stored only with cacheNulls
            String nulls = method.equals("maybeOwner") ? ", cacheNulls: 10m" : "";
            yaml.append("  ").append(method).append(": { ttl: 10m, layers: [local, redis]").append(nulls).append(" }\n");
        }
        yaml.append("rules:\n");
        for (String method : METHODS) {
            yaml.append("  - id: ").append(method).append("\n    method: fixture.app.ValueShapes#").append(method)
                    .append("(long)\n    cache: ").append(method).append("\n    key: \"{id}\"\n");
        }
        Path sub = Files.createDirectories(dir.resolve(name));
        return RulesFiles.write(sub, yaml.toString());
    }

    @BeforeAll
    static void startTwoInstances(RedisServer server) throws Exception {
        redis = server;
        a = new ChildJvm(rules("a", server.url(), "  compress: { above: 1KB, codec: lz4 }"), List.of(), ValueShapesConsole.class);
        b = new ChildJvm(rules("b", server.url(), "  maxValueSize: 4KB"), List.of(), ValueShapesConsole.class);
        for (ChildJvm instance : List.of(a, b)) {
            instance.await("ready", 60);
            instance.await("[cacheweaver] redis ", 60);
        }
    }

    @AfterAll
    static void stop() {
        for (ChildJvm instance : new ChildJvm[] {a, b}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    /** a runs the method once and stores; b reads the equal value of the same class without running it. */
    private static Map<String, String> sharedWithoutRunningTheBody(String method, long id) throws Exception {
        String counted = method.equals("owner2") ? "owner" : method;
        String bCalls = b.send("calls " + counted, "calls");
        Map<String, String> stored = a.sendAll(method + " " + id);
        int aCalls = Integer.parseInt(stored.get("calls"));
        Map<String, String> read = b.sendAll(method + " " + id);
        assertEquals(stored.get("value"), read.get("value"), method + " reads back equal\n" + a.output() + "\n" + b.output());
        assertEquals(stored.get("type"), read.get("type"), method + " reads back as the same class");
        assertEquals(bCalls, read.get("calls"), "b did not run " + method + "\n" + b.output());
        assertEquals(String.valueOf(aCalls), a.sendAll(method + " " + id).get("calls"), "a's second call was a hit");
        return read;
    }

    @Test
    void javaTimeValuesKeepZoneIdsOffsetsAndNanoseconds() throws Exception {
        String value = sharedWithoutRunningTheBody("times", 1).get("value");
        assertTrue(value.contains("2024-03-31T03:30:00.000000007+02:00[Europe/Paris]") && value.contains("+05:30"), value);
    }

    @Test
    void bigDecimalsKeepTheirScaleAndUuidsAndBigIntegersSurvive() throws Exception {
        assertTrue(sharedWithoutRunningTheBody("money", 1).get("value").contains("11.500"));
    }

    @Test
    void optionalsPresentAndEmpty() throws Exception {
        assertTrue(sharedWithoutRunningTheBody("maybeOwner", 2).get("value").startsWith("Optional[Owner[2,"));
        assertEquals("Optional.empty", sharedWithoutRunningTheBody("maybeOwner", 3).get("value"));
    }

    @Test
    void immutableClassesWithoutANoArgConstructor() throws Exception {
        sharedWithoutRunningTheBody("owner2", 1);
    }

    @Test
    void constructorPropertiesClasses() throws Exception {
        sharedWithoutRunningTheBody("pet", 1);
    }

    @Test
    void javaBeans() throws Exception {
        assertEquals("Bean[bean1, [1, 1]]".replace(", [", ",["), sharedWithoutRunningTheBody("bean", 1).get("value"));
    }

    @Test
    void enums() throws Exception {
        assertEquals("RETIRED", sharedWithoutRunningTheBody("status", 1).get("value"));
    }

    @Test
    void arraysOfObjects() throws Exception {
        sharedWithoutRunningTheBody("owners", 1);
    }

    @Test
    void mapsOfListsOfObjects() throws Exception {
        sharedWithoutRunningTheBody("byCity", 1);
    }

    @Test
    void anInterfaceTypedValueRecordsItsAllowedClass() throws Exception {
        assertTrue(sharedWithoutRunningTheBody("listing", 1).get("type").endsWith("ListingImpl"));
        assertTrue(redis.command("GET", PREFIX + "listing:0:1").startsWith("Cfixture.app.ValueShapes$ListingImpl "));
    }

    @Test
    void objectTypedValuesOfJdkAndAllowedClasses() throws Exception {
        assertEquals("java.time.LocalDate", sharedWithoutRunningTheBody("anything", 2).get("type"));
        assertTrue(sharedWithoutRunningTheBody("anything", 3).get("type").endsWith("ValueShapes$Owner"));
    }

    @Test
    void aCompressedValueIsSmallerInRedisAndReadByAnInstanceWithoutCompression() throws Exception {
        Map<String, String> read = sharedWithoutRunningTheBody("big", 1);
        int length = Integer.parseInt(read.get("value").replaceAll("text of (\\d+) chars.*", "$1"));
        long stored = Long.parseLong(redis.command("STRLEN", PREFIX + "big:0:1"));
        assertTrue(stored * 5 < length, "stored " + stored + " bytes for a text of " + length + " chars");
    }

    @Test
    void aValueOverMaxValueSizeStaysLocalAndIsCounted() throws Exception {
        int before = Integer.parseInt(b.send("calls big", "calls"));
        Map<String, String> first = b.sendAll("big 2");
        assertEquals(first.get("value"), b.sendAll("big 2").get("value"));
        assertEquals(String.valueOf(before + 1), b.sendAll("big 2").get("calls"), "kept in b's local layer");
        assertNull(redis.command("GET", PREFIX + "big:0:2"), "not in Redis");
        assertTrue(Long.parseLong(b.send("mbean io.cacheweaver:type=Cache,name=big RemoteErrors", "mbean")) >= 1);
        assertTrue(b.output().contains("exceeds the 4096-byte limit (redis.maxValueSize); kept locally only"), b.output());
    }

    @Test
    void aClassOutsideTheAllowListOrOfTheWrongTypeIsAMissNeverInstantiated() throws Exception {
        redis.command("SET", PREFIX + "listing:0:9", "Cjavax.script.ScriptEngineManager {}");
        redis.command("SET", PREFIX + "listing:0:10", "Cfixture.app.ValueShapes$Pet {\"name\":\"x\",\"status\":\"ACTIVE\"}");
        redis.command("SET", PREFIX + "listing:0:11", "Cfixture.app.ValueShapes$ListingImpl {\"items\":[[\"java.lang.ProcessBuilder\",[]]]}");
        int before = Integer.parseInt(b.send("calls listing", "calls"));
        for (int id = 9; id <= 11; id++) {
            assertTrue(b.sendAll("listing " + id).get("value").startsWith("ListingImpl[[Owner[" + id + ","));
        }
        assertEquals(String.valueOf(before + 3), b.send("calls listing", "calls"), "each planted value was a miss");
        assertTrue(Long.parseLong(b.send("mbean io.cacheweaver:type=Cache,name=listing RemoteErrors", "mbean")) >= 3);
        assertTrue(redis.command("GET", PREFIX + "listing:0:9").startsWith("Cfixture.app.ValueShapes$ListingImpl "), "replaced");
        assertTrue(!b.output().contains("Exception in"), b.output());
    }
}
