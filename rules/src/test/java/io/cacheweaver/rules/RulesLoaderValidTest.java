package io.cacheweaver.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.rules.expr.Expr;
import io.cacheweaver.rules.expr.Template;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesLoaderValidTest {
    /** A file that uses every key of version 1 (each is described in docs/rules.md). */
    static final String CONTRACT_EXAMPLE = """
            version: 1

            redis:                                   # optional: without it every cache lives in-process only
              url: ${REDIS_URL:-redis://localhost:6379/0}   # ${VAR} and ${VAR:-default} are expanded from the environment
                                                     # redis://[user:password@]host:port[/db]; rediss:// = TLS
              keyPrefix: "shop:"                     # prepended to every Redis key (default "cw:")
              timeout: 100ms                         # per Redis command

            defaults:                                # applied to every cache unless it overrides them
              ttl: 10m
              local: { maxEntries: 10000, ttl: 1m }

            caches:
              products:
                ttl: 30m                             # how long an entry lives in the shared (Redis) layer
                jitter: 10%                          # spread each entry's TTL by up to ±10%
                cacheNulls: 1m                       # also cache null results, for this long (off when absent)
                layers: [local, redis]               # [local], [redis] or both; both is the default when redis is configured
                local: { maxEntries: 5000, ttl: 2m } # the in-process (Caffeine) layer

            rules:
              - id: product-by-id                    # unique; names the rule in logs and JMX
                method: com.shop.legacy.ProductDao#findById(long)
                cache: products
                action: cache                        # cache-aside (the default action): on a hit the method body does not run
                key: "{id}"                          # template; when absent the key is built from all arguments
                ttl: 5m                              # optional: overrides the cache's ttl for entries this rule writes
                unless: "result == null"             # post-condition: do not store when true
              - id: product-save
                method: com.shop.legacy.ProductDao#save(com.shop.legacy.Product)
                cache: products
                action: put                          # write-through: after a normal return, store the value
                key: "{product.id}"
                value: "{product}"                   # what to store; default is the method's return value
              - id: product-delete
                method: com.shop.legacy.ProductDao#delete(long)
                cache: products
                action: evict                        # after a normal return, remove the key everywhere
                key: "{0}"
              - id: catalog-import
                method: com.shop.legacy.CatalogImporter#importAll(..)
                cache: products
                action: evict
                allEntries: true                     # remove every entry of the cache, on every instance
            """;

    @Test
    void contractExampleLoadsWithEveryField() throws RulesException {
        RulesFile file = Yamls.load(CONTRACT_EXAMPLE);
        assertEquals("cache-rules.yaml", file.source());
        assertEquals(1, file.version());
        assertEquals(new RedisSettings("redis://localhost:6379/0", "shop:", Duration.ofMillis(100)), file.redis());

        assertEquals(List.of("products"), List.copyOf(file.caches().keySet()));
        CacheSpec products = file.cache("products");
        assertEquals(new CacheSpec("products", Duration.ofMinutes(30), 0.10, Duration.ofMinutes(1),
                Set.of(Layer.LOCAL, Layer.REDIS), new LocalSettings(5000, Duration.ofMinutes(2))), products);

        List<Rule> rules = file.rules();
        assertEquals(4, rules.size());
        Rule byId = rules.get(0);
        assertEquals("product-by-id", byId.id());
        assertEquals(new MethodSelector("com.shop.legacy.ProductDao#findById(long)", "com.shop.legacy.ProductDao",
                false, "findById", List.of("long")), byId.method());
        assertEquals("products", byId.cache());
        assertEquals(Action.CACHE, byId.action());
        assertEquals(new Template("{id}", List.of(new Template.Placeholder(
                new Expr.Path(new Expr.Parameter("id"), List.of(), "id")))), byId.key());
        assertNull(byId.value());
        assertNull(byId.when());
        assertEquals(new Expr.Binary(Expr.Operator.EQ, new Expr.Path(new Expr.Result(), List.of(), "result"),
                new Expr.Literal(null)), byId.unless().expr());
        assertEquals("result == null", byId.unless().text());
        assertEquals(Duration.ofMinutes(5), byId.ttl());
        assertFalse(byId.allEntries());
        assertFalse(byId.before());
        assertEquals(new SourcePosition("cache-rules.yaml", 22, 5), byId.position());
        // messages about one expression point at its key
        assertEquals(new SourcePosition("cache-rules.yaml", 26, 5), byId.position("key"));
        assertEquals(new SourcePosition("cache-rules.yaml", 28, 5), byId.position("unless"));
        assertEquals(byId.position(), byId.position("when")); // absent: the rule itself
        assertEquals(byId.position(), byId.position(null));
        assertEquals(List.of(new Expr.Path(new Expr.Result(), List.of(), "result")), byId.paths("unless"));

        Rule save = rules.get(1);
        assertEquals(Action.PUT, save.action());
        assertEquals(List.of("com.shop.legacy.Product"), save.method().parameterTypes());
        assertEquals(List.of(new Expr.Step("id", false)),
                ((Template.Placeholder) save.key().parts().get(0)).path().steps());
        assertTrue(save.value().isSinglePlaceholder());
        assertNull(save.ttl());

        Rule delete = rules.get(2);
        assertEquals(Action.EVICT, delete.action());
        assertEquals(new Expr.Argument(0), ((Template.Placeholder) delete.key().parts().get(0)).path().root());

        Rule importAll = rules.get(3);
        assertEquals(Action.EVICT, importAll.action());
        assertTrue(importAll.allEntries());
        assertNull(importAll.key());
        assertNull(importAll.method().parameterTypes());
        assertEquals(new SourcePosition("cache-rules.yaml", 40, 5), importAll.position());
    }

    @Test
    void defaultsWithoutRedis() throws RulesException {
        RulesFile file = Yamls.load("version: 1\ncaches:\n  users:\n  orders: { ttl: 1h }\n");
        assertNull(file.redis());
        assertEquals(new CacheSpec("users", Duration.ofMinutes(10), 0.0, null, Set.of(Layer.LOCAL),
                new LocalSettings(10_000, Duration.ofMinutes(10))), file.cache("users"));
        assertEquals(Duration.ofHours(1), file.cache("orders").local().ttl());
        assertEquals(List.of(), file.rules());
    }

    @Test
    void defaultsSectionAppliesFieldByField() throws RulesException {
        RulesFile file = Yamls.load("""
                version: 1
                redis: { url: "redis://h:1" }
                defaults: { ttl: 2h, jitter: 5%, cacheNulls: 30s, layers: [redis], local: { maxEntries: 7 } }
                caches:
                  a: { local: { ttl: 1m } }
                  b: { ttl: PT20M, cacheNulls: off, layers: local }
                """);
        assertEquals(new RedisSettings("redis://h:1", "cw:", Duration.ofMillis(100)), file.redis());
        assertEquals(new CacheSpec("a", Duration.ofHours(2), 0.05, Duration.ofSeconds(30), Set.of(Layer.REDIS),
                new LocalSettings(7, Duration.ofMinutes(1))), file.cache("a"));
        assertEquals(new CacheSpec("b", Duration.ofMinutes(20), 0.05, null, Set.of(Layer.LOCAL),
                new LocalSettings(7, Duration.ofMinutes(20))), file.cache("b"));
    }

    @Test
    void redisDefaultsToBothLayers() throws RulesException {
        RulesFile file = Yamls.load("version: 1\nredis:\n  url: rediss://:pw@${REDIS_HOST}:6380/2\ncaches:\n  c: {}\n");
        assertEquals("rediss://:pw@cache.internal:6380/2", file.redis().url());
        assertEquals(Set.of(Layer.LOCAL, Layer.REDIS), file.cache("c").layers());
    }

    @Test
    void layersKeepTheDeclaredOrder() throws RulesException {
        RulesFile file = Yamls.load("version: 1\nredis: { url: \"redis://h:1\" }\ncaches:\n  a: { layers: [redis, local] }\n"
                + "  b: { layers: [local, redis] }\n  c: {}\n");
        assertEquals(List.of(Layer.REDIS, Layer.LOCAL), List.copyOf(file.cache("a").layers()));
        assertEquals(List.of(Layer.LOCAL, Layer.REDIS), List.copyOf(file.cache("b").layers()));
        assertEquals(List.of(Layer.LOCAL, Layer.REDIS), List.copyOf(file.cache("c").layers()));
    }

    @Test
    void redisClusterIsOffUnlessSaid() throws RulesException {
        assertEquals(false, Yamls.load("version: 1\nredis: { url: \"redis://h:1\" }\n").redis().cluster());
        RulesFile file = Yamls.load("version: 1\nredis: { url: \"redis://h:7000\", cluster: true }\n");
        assertEquals(new RedisSettings("redis://h:7000", "cw:", Duration.ofMillis(100), true), file.redis());
    }

    @Test
    void variableDefaultUsedWhenUnsetOrEmpty() throws RulesException {
        RulesFile file = Yamls.load("version: 1\nredis:\n  url: ${REDIS_URL:-redis://fallback:6379}\n"
                + "  keyPrefix: ${EMPTY:-app:}\n");
        assertEquals("redis://fallback:6379", file.redis().url());
        assertEquals("app:", file.redis().keyPrefix());
    }

    @Test
    void evictBeforeAndWhen() throws RulesException {
        Rule rule = Yamls.load("""
                version: 1
                caches: { c: {} }
                rules:
                  - id: e
                    method: com.x.Dao+#remove*(long, String...)
                    cache: c
                    action: evict
                    before: true
                    when: "!(id < 0) && name != 'x'"
                """).rules().get(0);
        assertTrue(rule.before());
        assertTrue(rule.method().includeSubtypes());
        assertEquals(List.of("long", "java.lang.String[]"), rule.method().parameterTypes());
        assertEquals(Expr.Operator.AND, ((Expr.Binary) rule.when().expr()).operator());
    }

    @Test
    void loadFromPathNamesTheFileAsGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cache-rules.yaml");
        Files.writeString(file, "version: 1\ncaches:\n  c: { ttl: nope }\n");
        RulesException e = assertThrows(RulesException.class, () -> Yamls.loader().load(file));
        assertEquals(file + ":3:13: caches.c.ttl: invalid duration \"nope\"; expected 500ms, 30s, 10m, 2h, 1d or ISO-8601",
                e.getMessage());
        Files.writeString(file, "version: 1\n");
        assertEquals(Map.of(), Yamls.loader().load(file).caches());
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path file = dir.resolve("absent.yaml");
        RulesException e = assertThrows(RulesException.class, () -> Yamls.loader().load(file));
        assertEquals(file + ":1:1: cannot read the rules file: no such file (looked for " + file + ")", e.getMessage());
    }

    @Test
    void aMissingFileGivenByARelativePathNamesTheAbsolutePathTried() {
        Path file = Path.of("no-such-dir", "..", "absent-cache-rules.yaml");
        RulesException e = assertThrows(RulesException.class, () -> Yamls.loader().load(file));
        String tried = Path.of("").toAbsolutePath().resolve("absent-cache-rules.yaml").toString();
        assertEquals(file + ":1:1: cannot read the rules file: no such file (looked for " + tried + ")", e.getMessage());
    }

    @Test
    void modelIsImmutable() throws RulesException {
        RulesFile file = Yamls.load(CONTRACT_EXAMPLE);
        assertThrows(UnsupportedOperationException.class, () -> file.rules().clear());
        assertThrows(UnsupportedOperationException.class, () -> file.caches().clear());
        assertThrows(UnsupportedOperationException.class, () -> file.cache("products").layers().clear());
    }
}
