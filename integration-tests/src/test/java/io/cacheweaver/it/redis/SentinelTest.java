package io.cacheweaver.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import fixture.app.SharedCatalogConsole;
import io.cacheweaver.it.RulesFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code redis.sentinel} against real processes on free ports: a master, its replica and one
 * sentinel ({@code redis-server --sentinel}, quorum 1). The master is killed; the sentinel
 * promotes the replica; the application never fails a call and uses the new master.
 */
class SentinelTest {
    @TempDir
    Path dir;

    @Test
    void whenTheMasterDiesTheReplicaIsPromotedAndTheApplicationKeepsWorkingOnIt() throws Exception {
        RedisServer master = RedisServer.startLocal(List.of());
        RedisServer replica = RedisServer.startLocal(List.of("--replicaof", "127.0.0.1", String.valueOf(master.port())));
        int sentinelPort = RedisServer.freePort();
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, """
                port %d
                bind 127.0.0.1
                sentinel monitor mymaster 127.0.0.1 %d 1
                sentinel down-after-milliseconds mymaster 1000
                sentinel failover-timeout mymaster 5000
                """.formatted(sentinelPort, master.port()));
        Process sentinel = new ProcessBuilder("redis-server", conf.toString(), "--sentinel").redirectErrorStream(true)
                .redirectOutput(dir.resolve("sentinel.log").toFile()).start();
        RedisServer sentinelClient = RedisServer.external("127.0.0.1", sentinelPort, null);
        String prefix = "sentinel" + ProcessHandle.current().pid() + ":";
        try {
            awaitTrue(() -> replicaKnown(sentinelClient, replica.port()), 20, "the sentinel never saw the replica", dir);
            Path rules = RulesFiles.write(dir, """
                    version: 1
                    redis:
                      keyPrefix: "%s"
                      timeout: 200ms
                      sentinel: { master: mymaster, nodes: ["127.0.0.1:%d"] }
                    caches:
                      items: { ttl: 10m, layers: [redis] }
                    rules:
                      - id: find
                        method: fixture.app.SharedCatalog#find(long)
                        cache: items
                        key: "{id}"
                    """.formatted(prefix, sentinelPort));
            try (ChildJvm app = new ChildJvm(rules, List.of("-Dcacheweaver.redis.breakerOpen=200ms"), SharedCatalogConsole.class)) {
                app.await("ready", 30);
                assertEquals("item-1-v1", app.send("find 1", "value"));
                // the first call may run while the agent is still asking the sentinel where the master is
                // (connections are made in the background): a miss that could not read Redis stores nothing
                awaitTrue(() -> {
                    app.send("find 1");
                    return master.command("GET", prefix + "items:0:1") != null;
                }, 10, "never stored in the master\n" + app.output(), dir);
                assertEquals("J\"item-1-v1\"", master.command("GET", prefix + "items:0:1"), "stored in the master\n" + app.output());
                assertEquals("0", app.send("loop 50 10", "wrong"));

                master.kill();
                assertEquals("0", app.send("loop 300 10", "exceptions"), "no call failed while the master was gone");
                awaitTrue(() -> sentinelMasterPort(sentinelClient) == replica.port(), 30, "no failover", dir);
                awaitTrue(() -> {
                    app.send("find 2");
                    return replica.command("GET", prefix + "items:0:2") != null;
                }, 30, "the application never used the promoted replica\n" + app.output(), dir);
                assertEquals("item-1-v1", app.send("find 1", "value"), "the value replicated before the failover is still served");
                assertEquals("0", app.send("loop 100 10", "wrong"));
                assertTrue(app.output().contains("[cacheweaver]"), app.output());
            }
        } finally {
            sentinel.destroy();
            sentinel.waitFor(5, TimeUnit.SECONDS);
            replica.stop();
            master.stop();
        }
    }

    private static boolean replicaKnown(RedisServer sentinel, int replicaPort) {
        try {
            String replicas = sentinel.command("SENTINEL", "REPLICAS", "mymaster");
            return replicas != null && replicas.contains(String.valueOf(replicaPort));
        } catch (IOException e) {
            return false; // not up yet
        }
    }

    private static int sentinelMasterPort(RedisServer sentinel) {
        try {
            String[] address = sentinel.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "mymaster").split("\n");
            return Integer.parseInt(address[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    /** Polls a condition another process brings about (a sentinel's view, a failover): nothing to wait on. */
    private static void awaitTrue(Check check, int seconds, String message, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                Path log = dir.resolve("sentinel.log");
                fail(message + "\nsentinel log:\n" + (Files.exists(log) ? Files.readString(log) : "none"));
            }
            Thread.sleep(100);
        }
    }
}
