package io.cacheweaver.agent;

/** A class in cacheweaver's own package, which no rule can have woven (see {@link WeaverTest}). */
public class OwnPrices {
    public double price(long id) {
        return id * 2.0;
    }
}
