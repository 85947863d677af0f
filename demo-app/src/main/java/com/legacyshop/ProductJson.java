package com.legacyshop;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Products to and from the JSON this API speaks: {@code {"id":1,"name":..,"category":..,"price":1.99,"stock":3}}. */
public final class ProductJson {
    private static final BigDecimal MAX_PRICE = new BigDecimal("99999999.99");
    private static final List<String> FIELDS = List.of("id", "name", "category", "price", "stock");

    private ProductJson() {
    }

    public static String write(Product p) {
        return "{\"id\":" + p.getId()
                + ",\"name\":" + Json.quote(p.getName())
                + ",\"category\":" + Json.quote(p.getCategory())
                + ",\"price\":" + (p.getPrice() == null ? "null" : p.getPrice().toPlainString())
                + ",\"stock\":" + p.getStock() + "}";
    }

    public static String write(List<Product> products) {
        StringBuilder out = new StringBuilder(products.size() * 100 + 2).append('[');
        for (int i = 0; i < products.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(write(products.get(i)));
        }
        return out.append(']').toString();
    }

    /**
     * Copies the fields present in {@code json} onto {@code target}; absent fields keep their
     * value, so {@code {"price": 9.99}} changes only the price.
     *
     * @throws IllegalArgumentException for unknown fields or values of the wrong type
     */
    public static void apply(Object json, Product target) {
        if (!(json instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        Map<?, ?> fields = (Map<?, ?>) json;
        for (Map.Entry<?, ?> e : fields.entrySet()) {
            String name = (String) e.getKey();
            Object value = e.getValue();
            try {
                applyField(target, name, value);
            } catch (ArithmeticException tooBigOrFractional) {
                throw new IllegalArgumentException("\"" + name + "\" must be a whole number in range");
            }
        }
    }

    private static void applyField(Product target, String name, Object value) {
        switch (name) {
            case "id": target.setId(number(name, value).longValueExact()); break;
            case "name": target.setName(text(name, value)); break;
            case "category": target.setCategory(text(name, value)); break;
            case "price": target.setPrice(price(number(name, value))); break;
            case "stock": target.setStock(number(name, value).intValueExact()); break;
            default:
                throw new IllegalArgumentException("unknown field \"" + name + "\"; allowed: " + FIELDS);
        }
    }

    /** A complete product list, as {@code POST /import} accepts it; every field is required. */
    public static List<Product> readList(Object json) {
        if (!(json instanceof List)) {
            throw new IllegalArgumentException("expected a JSON array of products");
        }
        List<Product> products = new ArrayList<>();
        for (Object item : (List<?>) json) {
            if (!(item instanceof Map) || !((Map<?, ?>) item).keySet().containsAll(FIELDS)) {
                throw new IllegalArgumentException("product #" + (products.size() + 1) + " must have all of " + FIELDS);
            }
            Product p = new Product();
            apply(item, p);
            products.add(p);
        }
        return products;
    }

    private static BigDecimal number(String field, Object value) {
        if (!(value instanceof BigDecimal)) {
            throw new IllegalArgumentException("\"" + field + "\" must be a number");
        }
        return (BigDecimal) value;
    }

    /**
     * The column is NUMERIC(10, 2). Rejecting what it cannot hold exactly matters: the database
     * would round 9.999 to 10.00 while the caller (and anything remembering the caller's object)
     * still holds 9.999.
     */
    private static BigDecimal price(BigDecimal price) {
        if (price.signum() < 0 || price.stripTrailingZeros().scale() > 2 || price.compareTo(MAX_PRICE) > 0) {
            throw new IllegalArgumentException("\"price\" must be between 0 and " + MAX_PRICE + " with at most 2 decimals");
        }
        return price.setScale(2);
    }

    private static String text(String field, Object value) {
        if (!(value instanceof String) || ((String) value).isBlank()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a non-empty string");
        }
        return (String) value;
    }
}
