package io.cacheweaver.bench;

import bench.app.Price;
import bench.app.PriceBook;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the time of a woven hit goes (issue 17), as a ladder of hand-written hits that add one
 * thing the woven hit does at each step, ending with the woven hit itself. Not part of the suite;
 * run it with the agent attached (see docs/performance.md, "P1: the hit, step by step"):
 * <ol>
 *   <li>{@code a_systemClock}: {@code getIfPresent} on the LocalLayer-like cache, system clock;</li>
 *   <li>{@code b_sampledClock}: the same on the sampled clock the local layer uses;</li>
 *   <li>{@code c_entryChecked}: the value wrapped in an entry, and its declared type checked;</li>
 *   <li>{@code d_counted}: plus the hit counter (a {@link LongAdder});</li>
 *   <li>{@code e_dispatched}: plus the bridge's way to the handler (a volatile dispatcher, a
 *       volatile handler array, two interface calls);</li>
 *   <li>{@code w_woven}: {@link PriceBook#price}, woven.</li>
 * </ol>
 * {@code -Dladder.keys=16} walks 16 keys instead of 1,024, so that everything stays in the L1 cache
 * and the steps are not lost in memory stalls. Every fork of steps a–e runs {@link SampledClock}'s
 * thread (the shared state builds the sampled-clock cache), ≈ 2 % of a core, on the other core of
 * two when the benchmark thread has one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class HitPathSteps {
    static final int MASK = Integer.getInteger("ladder.keys", Keys.SIZE) - 1;
    static final long TTL_NANOS = TimeUnit.MINUTES.toNanos(10);

    /** What the local layer stores: the value and its own lifetime. */
    record Entry(Object value, long ttlNanos) {
    }

    interface Handler {
        Object enter1(Object argument);
    }

    interface Dispatcher {
        Object enter1(int site, Object argument);
    }

    @State(Scope.Benchmark)
    public static class Caches {
        static volatile Dispatcher dispatcher;
        volatile Handler[] handlers;
        final Cache<Long, Price> systemClock = plain(Ticker.systemTicker());
        final Cache<Long, Price> sampledClock = plain(SampledClock.INSTANCE);
        final Cache<Object, Entry> entries = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfter(new Expiry<Object, Entry>() {
                    @Override
                    public long expireAfterCreate(Object key, Entry entry, long now) {
                        return entry.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(Object key, Entry entry, long now, long duration) {
                        return entry.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(Object key, Entry entry, long now, long duration) {
                        return duration;
                    }
                })
                .ticker(SampledClock.INSTANCE)
                .executor(Runnable::run)
                .build();
        final Class<?> declared = Price.class;
        final LongAdder hits = new LongAdder();

        @Setup
        public void setUp() {
            for (long id : Keys.IDS) {
                Price price = new Price(id, id & 0xFFFFF, "EUR");
                systemClock.put(id, price);
                sampledClock.put(id, price);
                entries.put(id, new Entry(price, TTL_NANOS));
            }
            Handler none = argument -> null;
            handlers = new Handler[] {none, this::countedHit, none};
            dispatcher = (site, argument) -> {
                Handler[] current = handlers;
                return site < 0 || site >= current.length ? null : current[site].enter1(argument);
            };
        }

        Entry checkedHit(Object key) {
            Entry entry = entries.getIfPresent(key);
            return entry != null && declared.isInstance(entry.value()) ? entry : null;
        }

        Entry countedHit(Object key) {
            Entry entry = checkedHit(key);
            if (entry != null) {
                hits.increment();
            }
            return entry;
        }

        private static Cache<Long, Price> plain(Ticker ticker) {
            return Caffeine.newBuilder()
                    .maximumSize(10_000)
                    .expireAfter(new HandWrittenPriceBook.ConstantExpiry(TTL_NANOS))
                    .ticker(ticker)
                    .executor(Runnable::run)
                    .build();
        }
    }

    @State(Scope.Benchmark)
    public static class Woven {
        final PriceBook book = new PriceBook();

        @Setup
        public void setUp() {
            for (long id : Keys.IDS) {
                book.price(id);
            }
            long before = book.computations();
            book.price(Keys.IDS[0]);
            if (book.computations() != before) {
                throw new IllegalStateException("bench.app.PriceBook is not woven: run with the agent attached");
            }
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int index;

        long next() {
            return Keys.IDS[index++ & MASK];
        }
    }

    @Benchmark
    public Price a_systemClock(Caches caches, Cursor cursor) {
        return caches.systemClock.getIfPresent(cursor.next());
    }

    @Benchmark
    public Price b_sampledClock(Caches caches, Cursor cursor) {
        return caches.sampledClock.getIfPresent(cursor.next());
    }

    @Benchmark
    public Price c_entryChecked(Caches caches, Cursor cursor) {
        Entry entry = caches.checkedHit(cursor.next());
        return entry == null ? null : (Price) entry.value();
    }

    @Benchmark
    public Price d_counted(Caches caches, Cursor cursor) {
        Entry entry = caches.countedHit(cursor.next());
        return entry == null ? null : (Price) entry.value();
    }

    @Benchmark
    public Price e_dispatched(Caches caches, Cursor cursor) {
        Object token = Caches.dispatcher.enter1(1, cursor.next());
        return token instanceof Entry entry ? (Price) entry.value() : null;
    }

    @Benchmark
    public Price w_woven(Woven woven, Cursor cursor) {
        return woven.book.price(cursor.next());
    }
}
