package io.cacheweaver.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fixture.app.SharedCatalogConsole;
import io.cacheweaver.it.RulesFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances sharing a cache over {@code rediss://}: a redis-server with a TLS port, a
 * certificate from a throwaway CA, and the JVMs trusting that CA through
 * {@code -Djavax.net.ssl.trustStore} (the standard JSSE way; the agent has no TLS settings of
 * its own). The server also keeps a plain port, used only by the test to look inside.
 */
class TlsRedisTest {
    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static RedisServer redis;
    private static int tlsPort;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(System.getenv("REDIS_URL") == null || System.getenv("REDIS_URL").isBlank(),
                "REDIS_URL is set: this test needs a redis-server process of its own with a TLS port");
        certificates = TestCertificates.create(dir);
        tlsPort = RedisServer.freePort();
        try {
            redis = RedisServer.startLocal(List.of("--tls-port", String.valueOf(tlsPort),
                    "--tls-cert-file", certificates.serverCert().toString(),
                    "--tls-key-file", certificates.serverKey().toString(),
                    "--tls-ca-cert-file", certificates.ca().toString(),
                    "--tls-auth-clients", "no"));
        } catch (IOException e) {
            assumeTrue(false, "redis-server does not start with --tls-port (built without TLS?): " + e.getMessage());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (redis != null) {
            redis.stop();
        }
    }

    private static Path rules() {
        return RulesFiles.write(dir, """
                version: 1
                redis:
                  url: "rediss://127.0.0.1:%d/0"
                  keyPrefix: "tls:"
                  timeout: 500ms
                caches:
                  items: { ttl: 10m }
                rules:
                  - { id: find, method: "fixture.app.SharedCatalog#find(long)", cache: items, key: "{id}" }
                  - { id: save, method: "fixture.app.SharedCatalog#save(long, String)", cache: items, action: put, key: "{id}" }
                  - { id: remove, method: "fixture.app.SharedCatalog#remove(long)", cache: items, action: evict, key: "{id}" }
                """.formatted(tlsPort));
    }

    private static ChildJvm instance(Path rules, List<String> jvmArgs) throws Exception {
        ChildJvm child = new ChildJvm(rules, jvmArgs, SharedCatalogConsole.class);
        child.await("ready", 30);
        return child;
    }

    @Test
    void twoInstancesShareACacheOverTls() throws Exception {
        Path rules = rules();
        try (ChildJvm a = instance(rules, certificates.trustOptions()); ChildJvm b = instance(rules, certificates.trustOptions())) {
            a.await("[cacheweaver] redis rediss://127.0.0.1:" + tlsPort + "/0: listening", 30);
            b.await("[cacheweaver] redis rediss://127.0.0.1:" + tlsPort + "/0: listening", 30);
            assertEquals("item-1-v1", a.send("find 1", "value"));
            assertEquals("item-1-v1", b.send("find 1", "value"));
            assertEquals(0, b.calls(), "b read a's value over TLS\n" + b.output());
            assertEquals("J\"item-1-v1\"", redis.command("GET", "tls:items:0:1"));

            a.send("save 1 fresh");
            assertFalse(b.send("until 1 fresh", "changedAfterMicros").equals("timeout"), "put heard over TLS\n" + b.output());
            a.send("remove 1");
            b.send("edition v2");
            assertFalse(b.send("until 1 item-1-v2", "changedAfterMicros").equals("timeout"), "evict heard over TLS\n" + b.output());
        }
    }

    @Test
    void withoutTrustingTheCaTheCacheWorksLocallyOnly() throws Exception {
        Path rules = rules();
        redis.command("SET", "tls:items:0:9", "J\"from-redis\"");
        List<String> noTrust = new ArrayList<>(); // the JVM's default cacerts: the test CA is unknown
        try (ChildJvm c = instance(rules, noTrust)) {
            assertEquals("item-9-v1", c.send("find 9", "value"), "an untrusted server is never read\n" + c.output());
            assertEquals("item-9-v1", c.send("find 9", "value"));
            assertEquals(1, c.calls(), "cached locally");
            assertFalse(c.output().contains("Exception in"), c.output());
        }
    }
}
