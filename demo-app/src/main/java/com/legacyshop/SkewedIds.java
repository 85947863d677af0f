package com.legacyshop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Product ids drawn the way shoppers look at a catalog: most views go to a set of popular
 * products, and within it the k-th most popular is viewed in proportion to 1/k^s (Zipf). With
 * 2,000 popular products and s = 1, the top 100 get about 60% of the views. Which ids are popular
 * is a seeded shuffle of the catalog, so runs are comparable and bestsellers are spread over all
 * categories.
 */
final class SkewedIds {
    private final double[] cumulative;
    private final long[] idByRank;

    SkewedIds(int products, int hotSet, double exponent, long seed) {
        int popular = Math.min(hotSet, products);
        cumulative = new double[popular];
        double sum = 0;
        for (int rank = 1; rank <= popular; rank++) {
            sum += 1.0 / Math.pow(rank, exponent);
            cumulative[rank - 1] = sum;
        }
        for (int i = 0; i < popular; i++) {
            cumulative[i] /= sum;
        }
        List<Long> ids = new ArrayList<>(products);
        for (long id = 1; id <= products; id++) {
            ids.add(id);
        }
        Collections.shuffle(ids, new Random(seed));
        idByRank = ids.stream().limit(popular).mapToLong(Long::longValue).toArray();
    }

    long next(RandomGenerator random) {
        int i = Arrays.binarySearch(cumulative, random.nextDouble());
        int rank = i >= 0 ? i : Math.min(-i - 1, cumulative.length - 1);
        return idByRank[rank];
    }
}
