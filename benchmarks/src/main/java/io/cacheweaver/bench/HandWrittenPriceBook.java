package io.cacheweaver.bench;

import bench.app.Price;
import bench.app.Quote;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The P1 baseline: what a developer writes by hand around the same methods —
 * {@code cache.getIfPresent(key)}, on a miss compute and {@code put}. The Caffeine
 * configuration is the one cacheweaver's LocalLayer builds (maximumSize, a per-entry
 * {@code expireAfter}, maintenance on the calling thread, an eviction-counting removal
 * listener), on the system clock as a developer leaves it, or on the local layer's sampled clock
 * ({@link #HandWrittenPriceBook(Ticker)}), so that nothing but the agent's own work differs.
 */
public final class HandWrittenPriceBook {
    static final long TTL_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final Cache<Long, Price> prices;
    private final Cache<QuoteKey, Quote> quotes;
    private final LongAdder evictions = new LongAdder();
    private final LongAdder hits = new LongAdder();
    private long computations;

    /** The composite key a careful developer writes for a three-argument method. */
    record QuoteKey(long customer, String sku, int quantity) {
    }

    /** The caches as a developer leaves them: on the system clock. */
    public HandWrittenPriceBook() {
        this(Ticker.systemTicker());
    }

    /**
     * The caches on {@code clock}: {@link SampledClock#INSTANCE} gives them the local layer's sampled
     * clock, so that the woven hit ÷ theirs is the agent's own cost.
     */
    public HandWrittenPriceBook(Ticker clock) {
        this.prices = localLayerLike(10_000, clock);
        this.quotes = localLayerLike(10_000, clock);
    }

    public Price price(long id) {
        Price cached = prices.getIfPresent(id);
        if (cached != null) {
            return cached;
        }
        computations++;
        Price computed = new Price(id, id & 0xFFFFF, "EUR");
        prices.put(id, computed);
        return computed;
    }

    /**
     * {@link #price} that also counts its hits, as an operator-visible hit counter (JMX
     * {@code LocalHits}, Caffeine's {@code recordStats()}) must: one {@link LongAdder} increment.
     * The woven hit always counts; this side shows what the counting alone costs.
     */
    public Price priceCounted(long id) {
        Price cached = prices.getIfPresent(id);
        if (cached != null) {
            hits.increment();
            return cached;
        }
        return price(id);
    }

    public Quote quote(long customer, String sku, int quantity) {
        QuoteKey key = new QuoteKey(customer, sku, quantity);
        Quote cached = quotes.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        computations++;
        Quote computed = new Quote(customer, sku, quantity, (customer & 0xFFF) * quantity);
        quotes.put(key, computed);
        return computed;
    }

    public long computations() {
        return computations;
    }

    private <K, V> Cache<K, V> localLayerLike(long maxEntries, Ticker ticker) {
        return Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                .expireAfter(new ConstantExpiry(TTL_NANOS))
                .executor(Runnable::run)
                .removalListener((Object key, Object value, RemovalCause cause) -> {
                    if (cause.wasEvicted()) {
                        evictions.increment();
                    }
                })
                .build();
    }

    /** Same shape as LocalLayer's PerEntryExpiry: fixed lifetime on write, reads do not extend it. */
    static final class ConstantExpiry implements Expiry<Object, Object> {
        private final long ttlNanos;

        ConstantExpiry(long ttlNanos) {
            this.ttlNanos = ttlNanos;
        }

        @Override
        public long expireAfterCreate(Object key, Object value, long currentTime) {
            return ttlNanos;
        }

        @Override
        public long expireAfterUpdate(Object key, Object value, long currentTime, long currentDuration) {
            return ttlNanos;
        }

        @Override
        public long expireAfterRead(Object key, Object value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
