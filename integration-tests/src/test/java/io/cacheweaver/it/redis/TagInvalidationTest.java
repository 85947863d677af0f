package io.cacheweaver.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fixture.app.TaggedShopConsole;
import io.cacheweaver.it.ForkedJvm;
import io.cacheweaver.it.RulesFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tags, invalidation from outside and the outage outbox (rules-v1 §7), with instances of a shop
 * in their own JVMs running the real agent, sharing one Redis.
 */
@ExtendWith(RedisExtension.class)
class TagInvalidationTest {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final String AGENT = "io.cacheweaver:type=Agent";

    @TempDir
    Path dir;

    private String prefix;

    private Path rules(String url, String redisExtra) {
        prefix = "tg" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet() + ":";
        return RulesFiles.write(dir, """
                version: 1
                redis:
                  url: "%s"
                  keyPrefix: "%s"
                  timeout: 100ms
                  %s
                caches:
                  pages: { ttl: 10m }
                  items: { ttl: 10m }
                  names: { ttl: 10m, layers: [local] }
                rules:
                  - id: by-category
                    method: fixture.app.TaggedShop#findByCategory(String)
                    cache: pages
                    key: "{category}"
                    tags: ["category:{category}", "product:{result[*].id}"]
                  - id: names
                    method: fixture.app.TaggedShop#namesOf(String)
                    cache: names
                    key: "{category}"
                    tags: ["category:{category}"]
                  - id: by-id
                    method: fixture.app.TaggedShop#findById(long)
                    cache: items
                    key: "{id}"
                  - id: save
                    method: fixture.app.TaggedShop#save(fixture.app.ShopItem)
                    action: evict
                    tags: ["product:{item.id}", "category:{item.category}"]
                  - id: rename
                    method: fixture.app.TaggedShop#rename(long, String)
                    action: evict
                    tags: ["product:{id}"]
                """.formatted(url, prefix, redisExtra));
    }

    private static ChildJvm instance(Path rules) throws Exception {
        ChildJvm child = new ChildJvm(rules, List.of("-Dcacheweaver.redis.pingInterval=200ms"), TaggedShopConsole.class);
        child.await("ready", 30);
        child.await("[cacheweaver] redis ", 30); // listening for invalidations
        return child;
    }

    private static int calls(ChildJvm child, String method) throws InterruptedException {
        return Integer.parseInt(child.send("calls", "calls." + method));
    }

    @Test
    void aPageTaggedWithItsProductsIsEvictedWhenOneIsRenamedHereOrOnAnotherInstance(RedisServer redis) throws Exception {
        Path rules = rules(redis.url(), "");
        try (ChildJvm a = instance(rules); ChildJvm b = instance(rules)) {
            assertEquals("boots-v1,sandals-v1", a.send("category shoes", "value"));
            assertEquals("cap-v1", a.send("category hats", "value"));
            assertEquals("boots-v1,sandals-v1", b.send("category shoes", "value"));
            assertEquals("cap-v1", b.send("category hats", "value"));
            assertEquals(2, calls(a, "findByCategory"));
            assertEquals(0, calls(b, "findByCategory"), "b found a's pages in Redis");

            a.send("edition v2");
            b.send("edition v2");
            b.send("rename 1 boots"); // evicts product:1 only: the shoes page carries it through {result[*].id}
            assertEquals("boots-v2,sandals-v2", b.send("category shoes", "value"), "b's own page, and Redis's copy, are gone");
            assertEquals(1, calls(b, "findByCategory"));
            assertNotEquals("timeout", a.send("until category shoes boots-v2,sandals-v2", "waitedMicros"), a.output());
            assertEquals("cap-v1", a.send("category hats", "value"), "other categories stay cached");
            assertEquals("cap-v1", b.send("category hats", "value"));
            assertEquals(2, calls(a, "findByCategory"), "a took b's new page from Redis");

            a.send("edition v3");
            b.send("edition v3");
            a.send("save 3 hats cap"); // product:3 and category:hats, on the other instance this time
            assertEquals("cap-v3", a.send("category hats", "value"));
            assertNotEquals("timeout", b.send("until category hats cap-v3", "waitedMicros"), b.output());
            assertEquals("boots-v2,sandals-v2", b.send("category shoes", "value"), "shoes were not tagged hats");
            assertEquals("2", a.send("mbean " + AGENT + " TagEvictions", "mbean"), "save evicted two tags");
            assertEquals("1", redis.command("EXISTS", prefix + "%tag:product:1"), "an eviction is one key per tag");
        }
    }

    @Test
    void theInvalidateCommandEvictsKeysCachesAndTagsOnEveryInstance(RedisServer redis) throws Exception {
        Path rules = rules(redis.url(), "");
        try (ChildJvm a = instance(rules); ChildJvm b = instance(rules)) {
            for (ChildJvm child : List.of(a, b)) {
                assertEquals("item-5-v1", child.send("product 5", "value"));
                assertEquals("item-6-v1", child.send("product 6", "value"));
                assertEquals("boots-v1,sandals-v1", child.send("category shoes", "value"));
                assertEquals("cap-v1", child.send("category hats", "value"));
                child.send("edition v2");
            }
            Command cli = invalidate("--rules", rules.toString(), "--cache", "items", "--key", "5", "--tag", "category:shoes");
            assertEquals(0, cli.exitCode(), cli.output());
            assertTrue(cli.output().contains("invalidated key \"5\" of cache items"), cli.output());
            for (ChildJvm child : List.of(a, b)) {
                assertNotEquals("timeout", child.send("until product 5 item-5-v2", "waitedMicros"), child.output());
                assertNotEquals("timeout", child.send("until category shoes boots-v2,sandals-v2", "waitedMicros"), child.output());
                assertEquals("item-6-v1", child.send("product 6", "value"));
                assertEquals("cap-v1", child.send("category hats", "value"));
            }
            Command all = invalidate("--rules", rules.toString(), "--cache", "pages", "--all");
            assertEquals(0, all.exitCode(), all.output());
            for (ChildJvm child : List.of(a, b)) {
                assertNotEquals("timeout", child.send("until category hats cap-v2", "waitedMicros"), child.output());
                assertEquals("item-6-v1", child.send("product 6", "value"), "another cache");
                assertEquals("3", child.send("awaitMbean " + AGENT + " ExternalInvalidations 3", "mbean"), "key, tag, all");
            }
        }
        Path dead = RulesFiles.write(dir, """
                version: 1
                redis: { url: "redis://127.0.0.1:%d", timeout: 100ms }
                caches:
                  items: {}
                """.formatted(RedisServer.freePort()));
        long start = System.nanoTime();
        Command down = invalidate("--rules", dead.toString(), "--cache", "items", "--all");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(1, down.exitCode(), down.output());
        assertTrue(down.output().contains("is unreachable") && down.output().contains("nothing was invalidated"), down.output());
        System.out.println("invalidate against a closed port exited in " + millis + " ms (JVM start included)");
        Command unknown = invalidate("--rules", rules.toString(), "--cache", "nope", "--all");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.output().contains("unknown cache \"nope\""), unknown.output());
    }

    @Test
    void aPublishedMessageInTheDocumentedFormatEvictsLocallyOnEveryInstance(RedisServer redis) throws Exception {
        Path rules = rules(redis.url(), "");
        try (ChildJvm a = instance(rules); ChildJvm b = instance(rules)) {
            for (ChildJvm child : List.of(a, b)) {
                assertEquals("shoes-names-v1", child.send("names shoes", "value"));
                assertEquals("hats-names-v1", child.send("names hats", "value"));
                child.send("edition v2");
            }
            publish(redis, prefix + "invalidate", "{\"tag\":\"category:shoes\"}");
            for (ChildJvm child : List.of(a, b)) {
                assertNotEquals("timeout", child.send("until names shoes shoes-names-v2", "waitedMicros"), child.output());
                assertEquals("hats-names-v1", child.send("names hats", "value"));
            }
            publish(redis, prefix + "invalidate", "{\"cache\":\"names\",\"key\":\"hats\"}");
            publish(redis, prefix + "invalidate", "garbage-payload-1729");
            publish(redis, prefix + "invalidate", "{\"cache\":\"names\"}");
            for (ChildJvm child : List.of(a, b)) {
                assertNotEquals("timeout", child.send("until names hats hats-names-v2", "waitedMicros"), child.output());
                assertEquals("2", child.send("awaitMbean " + AGENT + " InvalidationMessagesRejected 2", "mbean"));
                assertEquals("2", child.send("mbean " + AGENT + " ExternalInvalidations", "mbean"));
                assertTrue(!child.output().contains("garbage-payload-1729"), "a rejected message is never logged");
            }
            assertEquals(4, calls(a, "namesOf"), "each name loaded twice: before and after its invalidation");
        }
    }

    @Test
    void anEvictMadeWhileRedisIsFrozenIsNeverServedAfterwards(RedisServer redis) throws Exception {
        assumeTrue(redis.isLocalProcess(), "needs a redis-server of its own to freeze");
        Path rules = rules(redis.url(), "");
        try (ChildJvm a = instance(rules)) {
            assertEquals("boots-v1,sandals-v1", a.send("category shoes", "value"));
            assertEquals("item-5-v1", a.send("product 5", "value"));
            a.send("edition v2");
            redis.freeze();
            try {
                a.send("rename 2 sandals");     // tag product:2
                a.send("invalidateTag nothing-tagged");
                assertEquals("boots-v2,sandals-v2", a.send("category shoes", "value"), "evicted locally at once");
                assertTrue(Long.parseLong(a.send("mbean " + AGENT + " InvalidationsDeferred", "mbean")) >= 2, a.output());
            } finally {
                redis.thaw();
            }
            assertEquals("2", a.send("awaitMbean " + AGENT + " InvalidationsReplayed 2", "mbean"), a.output());
        }
        try (ChildJvm fresh = instance(rules)) {
            fresh.send("edition v2");
            assertEquals("boots-v2,sandals-v2", fresh.send("category shoes", "value"), "the frozen-time eviction reached Redis");
            assertEquals(1, calls(fresh, "findByCategory"));
            assertEquals("item-5-v1", fresh.send("product 5", "value"), "what was not evicted is still shared");
        }
    }

    @Test
    void pastTheOutboxBoundTheAffectedCachesAreClearedWhenRedisIsBack(RedisServer redis) throws Exception {
        assumeTrue(redis.isLocalProcess(), "needs a redis-server of its own to freeze");
        Path rules = rules(redis.url(), "outboxSize: 2");
        String output;
        try (ChildJvm a = instance(rules)) {
            assertEquals("boots-v1,sandals-v1", a.send("category shoes", "value"));
            assertEquals("item-5-v1", a.send("product 5", "value"));
            a.send("edition v2");
            redis.freeze();
            try {
                a.send("rename 1 x");
                a.send("rename 2 y");
                a.send("rename 3 z"); // three tags, bound two: every cache is cleared once Redis is back
                assertEquals("3", a.send("mbean " + AGENT + " InvalidationsDeferred", "mbean"), a.output());
            } finally {
                redis.thaw();
            }
            // the first two may have been on their way already when the third was deferred: they are
            // applied as they were, and the rest (past the bound) becomes one evict-all per cache
            a.awaitContaining("invalidation(s) made while Redis was unreachable (more than redis.outboxSize: every cache was cleared)", 15);
            long replayed = Long.parseLong(a.send("mbean " + AGENT + " InvalidationsReplayed", "mbean"));
            assertTrue(replayed == 2 || replayed == 3 || replayed == 4,
                    "one evict-all per cache with a Redis layer (pages, items), after what was in flight: " + replayed);
            output = a.output();
        }
        for (String cache : List.of("pages", "items")) {
            String generation = redis.command("GET", prefix + cache + ":gen");
            assertTrue(generation != null && Long.parseLong(generation) >= 1, cache + " was cleared (evict-all: INCR)\n" + output);
        }
        try (ChildJvm fresh = instance(rules)) {
            fresh.send("edition v2");
            assertEquals("boots-v2,sandals-v2", fresh.send("category shoes", "value"));
            assertEquals("item-5-v2", fresh.send("product 5", "value"), "cleared with every other cache");
        }
    }

    private record Command(int exitCode, String output) {
    }

    private static Command invalidate(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ForkedJvm.agentJar().toString(), "invalidate"));
        command.addAll(List.of(args));
        return run(command);
    }

    /** With redis-cli, as an operator or a database trigger would; over RESP when redis-cli is not installed. */
    private static void publish(RedisServer redis, String channel, String message) throws Exception {
        Command cli;
        try {
            cli = run(List.of("redis-cli", "-h", redis.host(), "-p", String.valueOf(redis.port()), "PUBLISH", channel, message));
        } catch (IOException noCli) {
            redis.command("PUBLISH", channel, message);
            return;
        }
        assertEquals(0, cli.exitCode(), cli.output());
    }

    private static Command run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                process.getInputStream().transferTo(out);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        drain.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "did not finish: " + command);
        drain.join(5000);
        return new Command(process.exitValue(), out.toString(StandardCharsets.UTF_8));
    }
}
