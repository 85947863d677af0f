package bench.app;

/** P3: woven with a Redis-only cache (bench-rules-redis.yaml); counts executions of its body. */
public class RemoteCatalog {
    private long computations;

    public Price product(long id) {
        computations++;
        return new Price(id, id & 0xFFFFF, "EUR");
    }

    public long computations() {
        return computations;
    }
}
