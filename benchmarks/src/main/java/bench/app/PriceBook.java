package bench.app;

/**
 * The benchmark's "legacy application" class: it has never heard of cacheweaver. The agent,
 * attached from outside with benchmarks/bench-rules.yaml, weaves {@link #price(long)} and
 * {@link #quote(long, String, int)}. {@link #computations} counts executions of the bodies, so
 * a benchmark can prove its hits really skip them.
 */
public class PriceBook {
    private long computations;

    public Price price(long id) {
        computations++;
        return new Price(id, mix(id) & 0xFFFFF, "EUR");
    }

    /** The same as {@link #price}, cached with tags (bench-rules.yaml: rule tagged-price). */
    public Price taggedPrice(long id) {
        computations++;
        return new Price(id, mix(id) & 0xFFFFF, "EUR");
    }

    public Quote quote(long customer, String sku, int quantity) {
        computations++;
        return new Quote(customer, sku, quantity, (mix(customer ^ sku.hashCode()) & 0xFFF) * quantity);
    }

    public long computations() {
        return computations;
    }

    static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }
}
