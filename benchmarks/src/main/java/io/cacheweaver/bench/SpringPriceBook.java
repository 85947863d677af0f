package io.cacheweaver.bench;

import bench.app.Price;
import bench.app.Quote;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The P2 peer: the same two methods under Spring's {@code @Cacheable}, Caffeine underneath. */
public class SpringPriceBook {
    private long computations;

    @Cacheable("prices")
    public Price price(long id) {
        computations++;
        return new Price(id, id & 0xFFFFF, "EUR");
    }

    @Cacheable("quotes")
    public Quote quote(long customer, String sku, int quantity) {
        computations++;
        return new Quote(customer, sku, quantity, (customer & 0xFFF) * quantity);
    }

    public long computations() {
        return computations;
    }

    /** {@code @EnableCaching} with a CaffeineCacheManager configured like cacheweaver's local layer. */
    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    public static class Config {
        @Bean
        public CacheManager cacheManager() {
            CaffeineCacheManager manager = new CaffeineCacheManager("prices", "quotes");
            manager.setCaffeine(Caffeine.newBuilder()
                    .maximumSize(10_000)
                    .expireAfter(new HandWrittenPriceBook.ConstantExpiry(HandWrittenPriceBook.TTL_NANOS))
                    .executor(Runnable::run));
            return manager;
        }

        @Bean
        public SpringPriceBook springPriceBook() {
            return new SpringPriceBook();
        }
    }
}
