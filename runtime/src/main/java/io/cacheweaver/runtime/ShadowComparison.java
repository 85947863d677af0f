package io.cacheweaver.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Arrays;
import java.util.Objects;

/**
 * Whether a cached value is the same as a method's result, for shadow mode: {@code equals}
 * (arrays by content), else the same JSON, so that a value class without {@code equals} (read
 * back from Redis as a new instance) is not reported as a mismatch.
 */
final class ShadowComparison {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    private ShadowComparison() {
    }

    static boolean same(Object cached, Object result) {
        if (Objects.deepEquals(cached, result)) {
            return true;
        }
        if (cached == null || result == null) {
            return false;
        }
        try {
            return Arrays.equals(JSON.writeValueAsBytes(cached), JSON.writeValueAsBytes(result));
        } catch (Exception | LinkageError | StackOverflowError e) {
            return false; // cannot tell: report it, the operator then looks at the rule
        }
    }
}
