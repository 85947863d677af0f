package io.cacheweaver.bench;

import bench.app.MixedSites;
import bench.app.Price;
import bench.app.PriceBook;
import bench.app.Quote;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * P1 and P2: an in-process cache hit, three ways, on the same 1,024 pre-drawn keys, all of them
 * in the cache.
 * <ul>
 *   <li>{@code woven*}: {@link PriceBook}, woven by the real agent jar attached to the fork
 *       ({@code -javaagent:agent/target/cacheweaver-agent.jar=rules=benchmarks/bench-rules.yaml};
 *       the suite adds it). Setup fails unless hits really skip the method body.</li>
 *   <li>{@code handWritten*}: {@link HandWrittenPriceBook}, {@code getIfPresent} on the identical
 *       Caffeine configuration.</li>
 *   <li>{@code spring*}: {@link SpringPriceBook}, {@code @Cacheable} on CaffeineCacheManager.</li>
 * </ul>
 * Single-argument methods take a {@code long} id; three-argument methods (long, String, int).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(2)
@Threads(1)
public class L1HitBenchmark {

    /** Each thread walks the key arrays on its own, one step per call. */
    @State(Scope.Thread)
    public static class Cursor {
        int index;

        int next() {
            return index++ & Keys.MASK;
        }
    }

    @State(Scope.Benchmark)
    public static class Woven {
        PriceBook book;

        @Setup(Level.Trial)
        public void setUp() {
            book = new PriceBook();
            fill(book::price, book::quote);
            fill(book::taggedPrice, (c, s, q) -> null);
            long before = book.computations();
            fill(book::price, book::quote);
            fill(book::taggedPrice, (c, s, q) -> null);
            if (book.computations() != before) {
                throw new IllegalStateException("bench.app.PriceBook is not woven: the fork must run with "
                        + "-javaagent:agent/target/cacheweaver-agent.jar=rules=benchmarks/bench-rules.yaml");
            }
        }
    }

    /**
     * {@link Woven}, in a fork whose one-parameter methods also run under the other two kinds of
     * cache rule ({@link MixedSites}: a future, shadow mode), 20,000 calls of each kind before the
     * measurement, as in an application with rules of several kinds on hot methods: the runtime's
     * dispatch has seen three handler classes where the other forks see one.
     */
    @State(Scope.Benchmark)
    public static class WovenAmongOtherKinds {
        PriceBook book;

        @Setup(Level.Trial)
        public void setUp() {
            book = new PriceBook();
            MixedSites others = new MixedSites();
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < Keys.SIZE; i++) {
                    book.price(Keys.IDS[i]);
                    others.priceLater(Keys.IDS[i]).join();
                    others.priceShadowed(Keys.IDS[i]);
                }
            }
            check(book.computations() == Keys.SIZE, "bench.app.PriceBook#price is not woven");
            check(others.computations() == 21L * Keys.SIZE,
                    "bench.app.MixedSites is not woven as bench-rules.yaml says (shadow runs every call, the future rule once per key)");
        }
    }

    @State(Scope.Benchmark)
    public static class HandWritten {
        HandWrittenPriceBook book;

        @Setup(Level.Trial)
        public void setUp() {
            book = filled(new HandWrittenPriceBook());
        }
    }

    /** {@link HandWritten} on the local layer's sampled clock; only its forks run the sampling thread. */
    @State(Scope.Benchmark)
    public static class HandWrittenSampledClock {
        HandWrittenPriceBook book;

        @Setup(Level.Trial)
        public void setUp() {
            book = filled(new HandWrittenPriceBook(SampledClock.INSTANCE));
        }
    }

    static HandWrittenPriceBook filled(HandWrittenPriceBook book) {
        fill(book::price, book::quote);
        long before = book.computations();
        fill(book::price, book::quote);
        check(book.computations() == before, "hand-written cache does not hit");
        return book;
    }

    @State(Scope.Benchmark)
    public static class Spring {
        AnnotationConfigApplicationContext context;
        SpringPriceBook book;

        @Setup(Level.Trial)
        public void setUp() {
            context = new AnnotationConfigApplicationContext(SpringPriceBook.Config.class);
            book = context.getBean(SpringPriceBook.class);
            fill(book::price, book::quote);
            long before = book.computations();
            fill(book::price, book::quote);
            check(book.computations() == before, "Spring @Cacheable does not hit");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            context.close();
        }
    }

    @Benchmark
    public Price wovenSingleArg(Woven woven, Cursor cursor) {
        return woven.book.price(Keys.IDS[cursor.next()]);
    }

    /** {@link #wovenSingleArg} where other kinds of cache rule run on one-parameter methods too (the P1a row reports it). */
    @Benchmark
    public Price wovenSingleArgAmongOtherKinds(WovenAmongOtherKinds woven, Cursor cursor) {
        return woven.book.price(Keys.IDS[cursor.next()]);
    }

    /** The same hit on an entry with two tags (no tag evicted since it was stored: the usual case). */
    @Benchmark
    public Price wovenSingleArgTagged(Woven woven, Cursor cursor) {
        return woven.book.taggedPrice(Keys.IDS[cursor.next()]);
    }

    @Benchmark
    public Price handWrittenSingleArg(HandWritten hand, Cursor cursor) {
        return hand.book.price(Keys.IDS[cursor.next()]);
    }

    /** The hand-written hit plus a hit counter (a LongAdder increment), as the woven hit has (JMX LocalHits). */
    @Benchmark
    public Price handWrittenSingleArgCounted(HandWritten hand, Cursor cursor) {
        return hand.book.priceCounted(Keys.IDS[cursor.next()]);
    }

    /** The hand-written hit on the local layer's sampled clock: the woven hit ÷ this is the agent's own cost. */
    @Benchmark
    public Price handWrittenSingleArgSampledClock(HandWrittenSampledClock hand, Cursor cursor) {
        return hand.book.price(Keys.IDS[cursor.next()]);
    }

    @Benchmark
    public Price springSingleArg(Spring spring, Cursor cursor) {
        return spring.book.price(Keys.IDS[cursor.next()]);
    }

    @Benchmark
    public Quote wovenThreeArg(Woven woven, Cursor cursor) {
        int i = cursor.next();
        return woven.book.quote(Keys.CUSTOMERS[i], Keys.SKUS[i], Keys.QUANTITIES[i]);
    }

    @Benchmark
    public Quote handWrittenThreeArg(HandWritten hand, Cursor cursor) {
        int i = cursor.next();
        return hand.book.quote(Keys.CUSTOMERS[i], Keys.SKUS[i], Keys.QUANTITIES[i]);
    }

    /** {@link #handWrittenSingleArgSampledClock} for three arguments. */
    @Benchmark
    public Quote handWrittenThreeArgSampledClock(HandWrittenSampledClock hand, Cursor cursor) {
        int i = cursor.next();
        return hand.book.quote(Keys.CUSTOMERS[i], Keys.SKUS[i], Keys.QUANTITIES[i]);
    }

    @Benchmark
    public Quote springThreeArg(Spring spring, Cursor cursor) {
        int i = cursor.next();
        return spring.book.quote(Keys.CUSTOMERS[i], Keys.SKUS[i], Keys.QUANTITIES[i]);
    }

    interface PriceCall {
        Object call(long id);
    }

    interface QuoteCall {
        Object call(long customer, String sku, int quantity);
    }

    static void fill(PriceCall price, QuoteCall quote) {
        for (int i = 0; i < Keys.SIZE; i++) {
            price.call(Keys.IDS[i]);
            quote.call(Keys.CUSTOMERS[i], Keys.SKUS[i], Keys.QUANTITIES[i]);
        }
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
