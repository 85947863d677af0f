package io.cacheweaver.it.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.it.RulesFiles;
import io.cacheweaver.it.redis.RedisExtension;
import io.cacheweaver.it.redis.RedisServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spring Boot + Spring Data JPA + H2 application, run as a fat jar, woven from outside:
 * a private controller method returning {@code Page<Owner>} and a service method returning an
 * entity are cached locally and shared through Redis (instance b never runs the bodies for what
 * a loaded), evicted on update, and a lazy proxy is never serialized. Both instances share one H2
 * database (AUTO_SERVER) and start once for the whole class.
 */
@ExtendWith(RedisExtension.class)
class SpringBootAppTest {
    @TempDir
    static Path dir;
    private static RedisServer redis;
    private static SpringApp a;
    private static SpringApp b;
    private static final String PREFIX = "sb" + ProcessHandle.current().pid() + ":";

    @BeforeAll
    static void startTwoInstances(RedisServer server) throws Exception {
        redis = server;
        Path rules = RulesFiles.write(dir, """
                version: 1
                redis:
                  url: "%s"
                  keyPrefix: "%s"
                  types: [fixture.petclinic.*, org.springframework.data.domain.*]
                caches:
                  ownerPages: { ttl: 10m, layers: [local, redis] }
                  owners: { ttl: 10m, layers: [local, redis] }
                  refs: { ttl: 10m, layers: [local, redis] }
                rules:
                  - id: pages
                    method: fixture.petclinic.OwnerController#findPaginated(int, String)
                    cache: ownerPages
                    key: "{lastName}:{page}"
                  - id: owner
                    method: fixture.petclinic.OwnerService#findOwner(int)
                    cache: owners
                    key: "{id}"
                  - id: reference
                    method: fixture.petclinic.OwnerService#reference(int)
                    cache: refs
                    key: "{id}"
                  - id: updateOwner
                    method: fixture.petclinic.OwnerService#updateCity(int, String)
                    cache: owners
                    action: evict
                    key: "{id}"
                  - id: updatePages
                    method: fixture.petclinic.OwnerService#updateCity(int, String)
                    cache: ownerPages
                    action: evict
                    allEntries: true
                """.formatted(server.url(), PREFIX));
        Path database = dir.resolve("petclinic");
        a = SpringApp.start(rules, database).awaitStarted(); // a seeds the database
        b = SpringApp.start(rules, database).awaitStarted();
    }

    @AfterAll
    static void stop() {
        for (SpringApp app : new SpringApp[] {a, b}) {
            if (app != null) {
                app.close();
            }
        }
    }

    @Test
    void aPageFromAPrivateControllerMethodIsCachedLocallyAndReadFromRedisByAnotherInstance() throws Exception {
        long aCalls = a.calls("findPaginated");
        long bCalls = b.calls("findPaginated");
        String first = a.get("/owners?page=1");
        assertTrue(first.contains("\"total\":12") && first.contains("1:Owner1 Franklin of Madison since 2020-01-01 [Pet1@2018-01-01]"), first);
        assertEquals(first, a.get("/owners?page=1"));
        assertEquals(aCalls + 1, a.calls("findPaginated"), "the second call was served locally\n" + a.output());
        String generation = redis.command("GET", PREFIX + "ownerPages:gen"); // another test's update may have cleared the cache
        String stored = redis.command("GET", PREFIX + "ownerPages:" + (generation == null ? "0" : generation) + "::1");
        assertTrue(stored != null && stored.startsWith("Corg.springframework.data.domain.PageImpl "), "stored with its class: " + stored);

        long sqlBefore = b.calls("sql");
        assertEquals(first, b.get("/owners?page=1"), "b reads the same page");
        assertEquals(bCalls, b.calls("findPaginated"), "b read a's page from Redis without running the method\n" + b.output());
        assertEquals(sqlBefore, b.calls("sql"), "and without a query");
    }

    @Test
    void anEntityFromAServiceIsSharedAndEvictedOnUpdateAndPagesShowTheUpdate() throws Exception {
        String owner = a.get("/owners/7");
        assertTrue(owner.startsWith("7:Owner7 Black of Madison since 2020-01-07 [Pet7@2018-07-01]"), owner);
        long calls = b.calls("findOwner");
        assertEquals(owner, b.get("/owners/7"));
        assertEquals(calls, b.calls("findOwner"), "b read the entity from Redis\n" + b.output());
        assertTrue(b.get("/owners?page=2").contains("7:Owner7 Black of Madison"));

        b.post("/owners/7/city?city=Berlin");
        assertTrue(b.get("/owners/7").contains("Black of Berlin"), "b's own update evicted its copy");
        assertTrue(b.get("/owners?page=2").contains("7:Owner7 Black of Berlin"), "and the pages");
        String seenByA = awaitContains(a, "/owners/7", "Black of Berlin");
        assertTrue(seenByA.contains("Black of Berlin"), "a heard of the eviction: " + seenByA + "\n" + a.output());
        assertTrue(awaitContains(a, "/owners?page=2", "Black of Berlin").contains("7:Owner7 Black of Berlin"));
    }

    @Test
    void anUninitialisedLazyProxyIsNeverSerializedAndNeverLoadedByTheAgent() throws Exception {
        long sql = a.calls("sql");
        assertEquals("some", a.get("/owners/3/reference"));
        assertEquals(sql, a.calls("sql"), "nothing loaded the proxy\n" + a.output());
        assertTrue(a.output().contains("uninitialised JPA lazy proxy of fixture.petclinic.Owner"), a.output());
        assertEquals("some", a.get("/owners/3/reference"));
        assertEquals(1, a.calls("reference"), "kept in the local layer");
        assertEquals(null, redis.command("GET", PREFIX + "refs:0:3"), "never in Redis");
    }

    /** The invalidation message is asynchronous: polls the other instance for a bounded time. */
    private static String awaitContains(SpringApp app, String path, String text) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        String body = app.get(path);
        while (!body.contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling an effect of a pub/sub message in another JVM
            body = app.get(path);
        }
        return body;
    }
}
