package bench.app;

/** P4: a small application whose whole life is startup: loads the woven classes, calls them, exits. */
public final class StartupApp {
    private StartupApp() {
    }

    public static void main(String[] args) {
        PriceBook book = new PriceBook();
        long sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += book.price(42).cents();
            sum += book.quote(7, "sku-1", 2).cents();
        }
        sum += new Untouched().checksum(sum);
        System.out.println("startup-app done " + (sum != 0) + " computations=" + book.computations());
    }
}
