package io.cacheweaver.runtime.expr;

/**
 * The shapes a {@link CompositeKey} comes in. Each one compares its own kind field by field (the
 * hit path: the key probed and the key stored were built the same way) and any other kind part
 * by part, so that equality never depends on which form built a key.
 */
final class CompositeForms {
    private CompositeForms() {
    }

    /** The hash of a first part that is the whole number {@code value}: what its {@code Long} hashes to. */
    private static int hashOfFirst(long value) {
        return 31 + Long.hashCode(value);
    }

    /** Any number of parts, kept in an array (the caller's: never changed after the key exists). */
    static final class OfArray extends CompositeKey {
        private final Object[] parts;

        OfArray(Object[] parts) {
            super(hashOf(parts));
            this.parts = parts;
        }

        private static int hashOf(Object[] parts) {
            int h = 1;
            for (Object part : parts) {
                h = mix(h, part);
            }
            return h;
        }

        @Override
        int size() {
            return parts.length;
        }

        @Override
        Object part(int index) {
            return parts[index];
        }
    }

    /** Two parts in fields: 24 bytes, where the array form costs 24 plus a 24-byte array. */
    static final class Of2 extends CompositeKey {
        private final Object first;
        private final Object second;

        Of2(Object first, Object second) {
            super(mix(mix(1, first), second));
            this.first = first;
            this.second = second;
        }

        @Override
        int size() {
            return 2;
        }

        @Override
        Object part(int index) {
            return index == 0 ? first : second;
        }

        @Override
        boolean sameParts(CompositeKey that) {
            return that instanceof Of2 two ? partEquals(first, two.first) && partEquals(second, two.second)
                    : super.sameParts(that);
        }
    }

    /** Three parts in fields: 32 bytes, where the array form costs 24 plus a 32-byte array. */
    static final class Of3 extends CompositeKey {
        private final Object first;
        private final Object second;
        private final Object third;

        Of3(Object first, Object second, Object third) {
            super(mix(mix(mix(1, first), second), third));
            this.first = first;
            this.second = second;
            this.third = third;
        }

        @Override
        int size() {
            return 3;
        }

        @Override
        Object part(int index) {
            return index == 0 ? first : index == 1 ? second : third;
        }

        @Override
        boolean sameParts(CompositeKey that) {
            return that instanceof Of3 three
                    ? partEquals(first, three.first) && partEquals(second, three.second) && partEquals(third, three.third)
                    : super.sameParts(that);
        }
    }

    /**
     * Two parts, the first a whole number held as a {@code long} (a method's {@code long} first
     * parameter, passed unboxed by the advice): 32 bytes and no {@code Long}.
     */
    static final class OfLong2 extends CompositeKey {
        private final long first;
        private final Object second;

        OfLong2(long first, Object second) {
            super(mix(hashOfFirst(first), second));
            this.first = first;
            this.second = second;
        }

        @Override
        int size() {
            return 2;
        }

        @Override
        Object part(int index) {
            return index == 0 ? Long.valueOf(first) : second; // boxes only off the hit path (text, other forms)
        }

        @Override
        boolean sameParts(CompositeKey that) {
            return that instanceof OfLong2 two ? first == two.first && partEquals(second, two.second) : super.sameParts(that);
        }
    }

    /** {@link OfLong2} with a third part: 32 bytes, as much as a record of a {@code long} and two references. */
    static final class OfLong3 extends CompositeKey {
        private final long first;
        private final Object second;
        private final Object third;

        OfLong3(long first, Object second, Object third) {
            super(mix(mix(hashOfFirst(first), second), third));
            this.first = first;
            this.second = second;
            this.third = third;
        }

        @Override
        int size() {
            return 3;
        }

        @Override
        Object part(int index) {
            return index == 0 ? Long.valueOf(first) : index == 1 ? second : third;
        }

        @Override
        boolean sameParts(CompositeKey that) {
            return that instanceof OfLong3 three
                    ? first == three.first && partEquals(second, three.second) && partEquals(third, three.third)
                    : super.sameParts(that);
        }
    }
}
