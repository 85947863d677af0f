package bench.app;

/** A value the benchmark application computes; small and immutable, like a typical DTO. */
public record Price(long id, long cents, String currency) {
}
