package io.cacheweaver.bench;

import bench.app.Price;
import bench.app.RemoteCatalog;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.clients.jedis.Jedis;

/**
 * P3 (runs only when Redis is reachable and the agent has its Redis layer): an L2 hit through
 * the woven advice, local layer bypassed ({@code layers: [redis]} in bench-rules-redis.yaml),
 * against its physical floor: one raw Jedis {@code GET} plus Jackson decoding of the same JSON.
 * The woven fork's setup fails unless its hits really skip the method body.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(2)
public class L2HitBenchmark {
    static final int KEYS = 64;

    static URI redisUri() {
        String url = System.getenv("REDIS_URL");
        return URI.create(url == null || url.isBlank() ? "redis://127.0.0.1:6379/0" : url);
    }

    @State(Scope.Thread)
    public static class Raw {
        Jedis jedis;
        final ObjectMapper mapper = new ObjectMapper();
        final byte[][] keys = new byte[KEYS][];
        int index;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            URI uri = redisUri();
            jedis = new Jedis(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
            for (int i = 0; i < KEYS; i++) {
                long id = Keys.IDS[i];
                keys[i] = ("cwbench:raw:" + id).getBytes(StandardCharsets.UTF_8);
                jedis.set(keys[i], mapper.writeValueAsBytes(new Price(id, id & 0xFFFFF, "EUR")));
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            jedis.close();
        }
    }

    @State(Scope.Thread)
    public static class Woven {
        final RemoteCatalog catalog = new RemoteCatalog();
        int index;

        @Setup(Level.Trial)
        public void setUp() {
            for (int i = 0; i < KEYS; i++) {
                catalog.product(Keys.IDS[i]);
            }
            long before = catalog.computations();
            for (int i = 0; i < KEYS; i++) {
                catalog.product(Keys.IDS[i]);
            }
            if (catalog.computations() != before) {
                throw new IllegalStateException("bench.app.RemoteCatalog does not hit Redis: the fork must run with "
                        + "-javaagent:...=rules=benchmarks/bench-rules-redis.yaml and a reachable Redis");
            }
        }
    }

    @Benchmark
    public Price rawJedisGetJackson(Raw raw) throws Exception {
        byte[] json = raw.jedis.get(raw.keys[raw.index++ & (KEYS - 1)]);
        return raw.mapper.readValue(json, Price.class);
    }

    @Benchmark
    public Price wovenL2Hit(Woven woven) {
        return woven.catalog.product(Keys.IDS[woven.index++ & (KEYS - 1)]);
    }
}
