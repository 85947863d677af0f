package com.legacyshop;

/** Thrown by writes that target a product which does not exist. */
public class ProductNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProductNotFoundException(long id) {
        super("no product with id " + id);
    }
}
