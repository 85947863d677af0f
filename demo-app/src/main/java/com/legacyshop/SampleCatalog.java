package com.legacyshop;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates a believable catalog: products spread over departments, names built from
 * department-specific words, prices that look like prices. Deterministic for a given seed, so
 * two processes seeding the same database produce the same rows, and a re-import with another
 * seed visibly changes prices.
 */
public final class SampleCatalog {
    public static final List<String> CATEGORIES = List.of(
            "books", "garden", "kitchen", "toys", "sports", "office", "audio", "camera",
            "tools", "pets", "beauty", "baby", "automotive", "music", "games", "lighting",
            "bath", "bedding", "outdoor", "cycling", "fitness", "grocery", "jewelry", "luggage",
            "shoes", "watches", "crafts", "party", "storage", "phones", "computers", "networking",
            "printers", "furniture", "paint", "plumbing", "electrical", "hardware", "snacks", "tea");

    private static final String[] ADJECTIVES = {
        "Classic", "Compact", "Deluxe", "Eco", "Essential", "Heavy-Duty", "Lightweight", "Premium",
        "Pro", "Smart", "Vintage", "Wireless", "Foldable", "Portable", "Organic", "Ultra"};
    private static final String[] NOUNS = {
        "Set", "Kit", "Pack", "Box", "Bundle", "Edition", "Collection", "Starter", "Refill", "Combo"};

    private SampleCatalog() {
    }

    public static List<Product> generate(int count, long seed) {
        Random random = new Random(seed);
        List<Product> products = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            // Round-robin categories so every category holds about count / CATEGORIES.size() items.
            String category = CATEGORIES.get((i - 1) % CATEGORIES.size());
            String name = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " "
                    + capitalize(category) + " " + NOUNS[random.nextInt(NOUNS.length)]
                    + " " + (100 + random.nextInt(900));
            BigDecimal price = BigDecimal.valueOf(199 + random.nextInt(49_800), 2)
                    .setScale(2, RoundingMode.UNNECESSARY);
            products.add(new Product(i, name, category, price, random.nextInt(250)));
        }
        return products;
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
