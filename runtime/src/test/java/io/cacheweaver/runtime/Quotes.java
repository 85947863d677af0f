package io.cacheweaver.runtime;

/** The "application" of {@link FewArgumentsTest}: only its signatures matter, the test plays the bodies. */
public class Quotes {
    public String quote(long id, String sku, int quantity) {
        throw new UnsupportedOperationException();
    }

    public String price(long id, String currency) {
        throw new UnsupportedOperationException();
    }

    public void reprice(long id, String sku) {
    }
}
