package bench.app;

import java.util.concurrent.CompletableFuture;

/**
 * One-parameter methods under the two other kinds of cache rule (bench-rules.yaml: price-later,
 * a method returning a future, and price-shadowed, {@code mode: shadow}). An application whose
 * hot one-parameter methods mix these kinds with plain cache-aside ones makes the runtime's
 * dispatch see several handler classes at one call (L1HitBenchmark's {@code AmongOtherKinds}).
 */
public class MixedSites {
    private long computations;

    public CompletableFuture<Price> priceLater(long id) {
        computations++;
        return CompletableFuture.completedFuture(new Price(id, PriceBook.mix(id) & 0xFFFFF, "EUR"));
    }

    public Price priceShadowed(long id) {
        computations++;
        return new Price(id, PriceBook.mix(id) & 0xFFFFF, "EUR");
    }

    public long computations() {
        return computations;
    }
}
