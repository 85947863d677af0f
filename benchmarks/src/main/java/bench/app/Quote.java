package bench.app;

/** The result of the three-argument method. */
public record Quote(long customer, String sku, int quantity, long cents) {
}
