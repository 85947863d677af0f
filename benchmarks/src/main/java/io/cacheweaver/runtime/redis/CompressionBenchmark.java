package io.cacheweaver.runtime.redis;

import io.cacheweaver.rules.RedisValues;
import io.cacheweaver.runtime.remote.ValueType;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code redis.compress} costs and saves on a large value (a list of 2,000 rows, about
 * 190 KB of JSON): encode (Jackson + compression) and decode (decompression + Jackson) per codec,
 * and the stored size, printed once per trial. CPU only, no Redis (docs/performance.md,
 * "Compressed values"). In the runtime's package to reach the codec directly.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CompressionBenchmark {
    public record Row(long id, String name, String city, LocalDate since, BigDecimal balance, List<String> tags) {
    }

    public static List<Row> rows() {
        return null;
    }

    @Param({"none", "lz4", "deflate"})
    public String codec;

    private JsonCodec jsonCodec;
    private List<Row> value;
    private byte[] stored;
    private ValueType type;

    @Setup
    public void setUp() throws Exception {
        RedisValues values = codec.equals("none") ? RedisValues.DEFAULTS : new RedisValues(List.of(), 2048, codec, 0);
        jsonCodec = new JsonCodec(8 << 20, values);
        type = new ValueType(CompressionBenchmark.class.getMethod("rows").getGenericReturnType(), getClass().getClassLoader());
        value = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            value.add(new Row(i, "Customer " + i, i % 3 == 0 ? "Madison" : i % 3 == 1 ? "Berlin" : "Lyon",
                    LocalDate.of(2020, 1, 1).plusDays(i), new BigDecimal(i * 37 % 10_000 + ".25"), List.of("gold", "tag" + i % 7)));
        }
        stored = jsonCodec.encode(value, 0, type);
        System.out.println("\n[" + codec + "] stored bytes: " + stored.length);
    }

    @Benchmark
    public byte[] encode() throws IOException {
        return jsonCodec.encode(value, 0, type);
    }

    @Benchmark
    public Object decode() throws IOException {
        return jsonCodec.decode(stored, type).value();
    }
}
