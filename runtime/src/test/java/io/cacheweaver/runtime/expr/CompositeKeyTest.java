package io.cacheweaver.runtime.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Multi-part keys are small objects, yet equal exactly when their texts are (see {@link KeyTemplate#canonical}). */
class CompositeKeyTest {
    private static final KeyTemplate DEFAULT_OF_THREE = KeyTemplate.allArguments(3);

    private static Node argument(int index) {
        return PathNode.of(index, new MethodHandle[0]);
    }

    /** The template {@code {0},{1},{2}}, written by a user instead of the default key. */
    private static KeyTemplate commaTemplate() {
        return KeyTemplate.of(List.of(argument(0), ",", argument(1), ",", argument(2)));
    }

    /** The template {@code {0}}: one placeholder, whose value may itself contain commas. */
    private static KeyTemplate singleTemplate() {
        return KeyTemplate.of(List.of(argument(0)));
    }

    @Test
    void theDefaultKeyOfSeveralArgumentsIsACompositeKeyWithTheRenderedText() {
        Object[] args = {7L, "sku-1", 2};
        Object key = DEFAULT_OF_THREE.localKey(null, args, null);
        assertInstanceOf(CompositeKey.class, key);
        assertEquals("7,sku-1,2", KeyTemplate.text(key));
        assertEquals(DEFAULT_OF_THREE.render(null, args, null), KeyTemplate.text(key));
    }

    @Test
    void keysWithTheSameTextAreEqualWhateverBuiltThem() {
        Object fromArguments = DEFAULT_OF_THREE.localKey(null, new Object[] {7L, "sku-1", 2}, null);
        List<Object> same = List.of(
                DEFAULT_OF_THREE.localKey(null, new Object[] {7, "sku-1", (short) 2}, null), // int, String, short
                DEFAULT_OF_THREE.localKey(null, new Object[] {"7", "sku-1", "2"}, null),      // digits as strings
                commaTemplate().localKey(null, new Object[] {7L, "sku-1", 2L}, null),         // another rule's template
                singleTemplate().localKey(null, new Object[] {"7,sku-1,2"}, null),            // a value with the commas in it
                singleTemplate().localKeyOfArgument("7,sku-1,2"),
                KeyTemplate.canonical("7,sku-1,2"));                                            // a message, JMX, a snapshot
        for (Object key : same) {
            assertEquals(fromArguments, key, String.valueOf(key));
            assertEquals(key, fromArguments, String.valueOf(key));
            assertEquals(fromArguments.hashCode(), key.hashCode(), String.valueOf(key));
        }
    }

    @Test
    void keysWithDifferentTextsDiffer() {
        Object key = DEFAULT_OF_THREE.localKey(null, new Object[] {7L, "sku-1", 2}, null);
        assertNotEquals(key, DEFAULT_OF_THREE.localKey(null, new Object[] {7L, "sku-1", 3}, null));
        assertNotEquals(key, DEFAULT_OF_THREE.localKey(null, new Object[] {7L, "sku-1", "02"}, null));
        assertNotEquals(key, DEFAULT_OF_THREE.localKey(null, new Object[] {7L, null, 2}, null));
        assertNotEquals(key, DEFAULT_OF_THREE.localKey(null, new Object[] {7L, "sku,1", 2}, null), "an escaped comma is not a separator");
        assertNotEquals(key, KeyTemplate.canonical("7,sku-1,2,"));
        assertNotEquals(key, KeyTemplate.canonical("7,sku-1"));
    }

    @Test
    void textAndCanonicalStayInverseForAwkwardValues() {
        List<Object[]> argumentLists = new ArrayList<>();
        argumentLists.add(new Object[] {null, "", -0});
        argumentLists.add(new Object[] {"a,b", "c\\d", "\\N"});
        argumentLists.add(new Object[] {true, 'x', 1.5});
        argumentLists.add(new Object[] {List.of(1, 2), new int[] {3}, Long.MIN_VALUE});
        for (Object[] args : argumentLists) {
            Object key = DEFAULT_OF_THREE.localKey(null, args, null);
            String text = DEFAULT_OF_THREE.render(null, args, null);
            assertEquals(text, KeyTemplate.text(key));
            Object parsed = KeyTemplate.canonical(text);
            assertEquals(key, parsed, text);
            assertEquals(parsed, key, text);
            assertEquals(key.hashCode(), parsed.hashCode(), text);
            assertEquals(text, KeyTemplate.text(parsed));
        }
    }

    @Test
    void aTextWhoseOnlyCommaIsEscapedStaysAString() {
        assertInstanceOf(String.class, KeyTemplate.canonical("a\\,b"));
        assertInstanceOf(CompositeKey.class, KeyTemplate.canonical("a\\\\,b"), "an escaped backslash, then a separator");
    }
}
