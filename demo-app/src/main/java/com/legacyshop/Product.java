package com.legacyshop;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A catalog entry, written the way the shop's code has always been written: a mutable bean with a
 * no-arg constructor, getters and setters (so any bean-aware library, Jackson included, can read
 * and build it without annotations).
 */
public class Product {
    private long id;
    private String name;
    private String category;
    private BigDecimal price;
    private int stock;

    public Product() {
    }

    public Product(long id, String name, String category, BigDecimal price, int stock) {
        this.id = id;
        this.name = name;
        this.category = category;
        this.price = price;
        this.stock = stock;
    }

    /** A copy, for code that wants to change a product it did not create (see ProductsHandler). */
    public Product(Product other) {
        this(other.id, other.name, other.category, other.price, other.stock);
    }

    public long getId() {
        return id;
    }

    public void setId(long id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public void setPrice(BigDecimal price) {
        this.price = price;
    }

    public int getStock() {
        return stock;
    }

    public void setStock(int stock) {
        this.stock = stock;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Product)) {
            return false;
        }
        Product p = (Product) o;
        // compareTo, not equals: 19.9 and 19.90 are the same price.
        return id == p.id && stock == p.stock && Objects.equals(name, p.name)
                && Objects.equals(category, p.category)
                && (price == null ? p.price == null : p.price != null && price.compareTo(p.price) == 0);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, category, stock);
    }

    @Override
    public String toString() {
        return "Product{id=" + id + ", name='" + name + "', category='" + category + "', price=" + price
                + ", stock=" + stock + "}";
    }
}
