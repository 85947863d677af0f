package bench.app;

/**
 * P7 evidence: loads and calls both the woven class and the class no rule names. Run with the
 * agent and {@code -Dnet.bytebuddy.dump=DIR}; Byte Buddy then writes every class it transforms
 * into DIR, and the agent logs one line per woven method.
 */
public final class TransformProbe {
    private TransformProbe() {
    }

    public static void main(String[] args) {
        PriceBook book = new PriceBook();
        book.price(1);
        book.price(1);
        long x = new Untouched().checksum(1);
        System.out.println("priceBookComputations=" + book.computations() + " untouched=" + (x != 0));
    }
}
