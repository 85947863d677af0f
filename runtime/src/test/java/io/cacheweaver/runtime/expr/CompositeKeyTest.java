package io.cacheweaver.runtime.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** The key a three-parameter method's advice builds from its arguments, without an argument array. */
    private static Object ofArguments(KeyTemplate key, Object first, Object second, Object third) {
        return key.localKeyOfArguments(first, second, third);
    }

    @Test
    void keysBuiltFromTwoOrThreeArgumentsHoldThemInFieldsYetEqualTheArrayForm() {
        Object fields = ofArguments(DEFAULT_OF_THREE, 7L, "sku-1", 2);
        assertInstanceOf(CompositeForms.Of3.class, fields);
        Object array = DEFAULT_OF_THREE.localKey(null, new Object[] {7L, "sku-1", 2}, null);
        assertInstanceOf(CompositeForms.OfArray.class, array, "the generic advice's argument array is the parts");
        Object unboxed = DEFAULT_OF_THREE.localKeyOfLongFirst(7L, "sku-1", 2);
        assertInstanceOf(CompositeForms.OfLong3.class, unboxed);
        assertEqualKeys(array, unboxed, "7,sku-1,2 with an unboxed long");
        assertEqualKeys(fields, unboxed, "7,sku-1,2 boxed or not");
        assertEqualKeys(array, fields, "7,sku-1,2");
        assertEqualKeys(KeyTemplate.canonical("7,sku-1,2"), fields, "parsed from the text");
        assertEqualKeys(ofArguments(commaTemplate(), 7, "sku-1", (short) 2), fields, "another rule's template, other types");
        assertEqualKeys(ofArguments(commaTemplate(), "7", "sku-1", "2"), fields, "digits as strings");

        KeyTemplate defaultOfTwo = KeyTemplate.allArguments(2);
        Object two = ofArguments(defaultOfTwo, 7L, null, null);
        assertInstanceOf(CompositeForms.Of2.class, two);
        Object twoUnboxed = defaultOfTwo.localKeyOfLongFirst(7L, null, null);
        assertInstanceOf(CompositeForms.OfLong2.class, twoUnboxed);
        assertEqualKeys(two, twoUnboxed, "7,\\N boxed or not");
        assertEquals("7,\\N", KeyTemplate.text(two));
        assertEqualKeys(defaultOfTwo.localKey(null, new Object[] {7L, null}, null), two, "7,\\N");
        assertEqualKeys(KeyTemplate.canonical("7,\\N"), two, "7,\\N parsed");
        assertNotEquals(two, fields);
        assertNotEquals(fields, two);
        assertNotEquals(twoUnboxed, unboxed);
        assertNotEquals(unboxed, twoUnboxed);
    }

    @Test
    void templatesOfBareArgumentsInAnyOrderBuildTheSameKeyAsTheGenericPath() {
        // "{2},{0}" on a three-parameter method, and "{1}" alone: whatever the order, no array needed
        KeyTemplate reordered = KeyTemplate.of(List.of(argument(2), ",", argument(0)));
        KeyTemplate second = KeyTemplate.of(List.of(argument(1)));
        List<Object[]> argumentLists = new ArrayList<>();
        argumentLists.add(new Object[] {7L, "sku-1", 2});
        argumentLists.add(new Object[] {-70_000L, "7", null});
        argumentLists.add(new Object[] {Long.MIN_VALUE, "a,b", new int[] {3}});
        argumentLists.add(new Object[] {null, "a,b", "c\\d"});
        argumentLists.add(new Object[] {List.of(1, 2), 42, new int[] {3}});
        argumentLists.add(new Object[] {true, 'x', 1.5});
        for (Object[] args : argumentLists) {
            for (KeyTemplate key : List.of(DEFAULT_OF_THREE, commaTemplate(), reordered, second)) {
                assertTrue(key.isOfArguments());
                Object generic = key.localKey(null, args, null);
                Object direct = ofArguments(key, args[0], args[1], args[2]);
                String text = key.render(null, args, null);
                assertEquals(text, KeyTemplate.text(direct));
                assertEqualKeys(generic, direct, text);
                assertEqualKeys(KeyTemplate.canonical(text), direct, text + " parsed");
                if (args[0] instanceof Long id) { // a long first parameter: the advice passes it unboxed
                    Object unboxed = key.localKeyOfLongFirst(id.longValue(), args[1], args[2]);
                    assertEqualKeys(generic, unboxed, text + " unboxed");
                    assertEqualKeys(direct, unboxed, text + " unboxed");
                }
            }
        }
    }

    @Test
    void keysOfFieldsDifferWhenTheirTextsDiffer() {
        Object key = ofArguments(DEFAULT_OF_THREE, 7L, "sku-1", 2);
        assertNotEquals(key, ofArguments(DEFAULT_OF_THREE, 7L, "sku-1", 3));
        assertNotEquals(key, ofArguments(DEFAULT_OF_THREE, 7L, "sku-1", "02"));
        assertNotEquals(key, ofArguments(DEFAULT_OF_THREE, 7L, null, 2));
        assertNotEquals(key, ofArguments(DEFAULT_OF_THREE, 8L, "sku-1", 2));
        assertNotEquals(key, ofArguments(DEFAULT_OF_THREE, 7L, "sku,1", 2), "an escaped comma is not a separator");
        assertNotEquals(key, KeyTemplate.canonical("7,sku-1,2,"));
        assertNotEquals(key, KeyTemplate.canonical("7,sku-1"));
        assertNotEquals(KeyTemplate.canonical("7,sku-1,2,x"), key);
        Object unboxed = DEFAULT_OF_THREE.localKeyOfLongFirst(7L, "sku-1", 2);
        assertNotEquals(unboxed, DEFAULT_OF_THREE.localKeyOfLongFirst(8L, "sku-1", 2));
        assertNotEquals(unboxed, DEFAULT_OF_THREE.localKeyOfLongFirst(7L, "sku-1", 3));
        assertNotEquals(unboxed, DEFAULT_OF_THREE.localKeyOfLongFirst(7L, null, 2));
        assertNotEquals(unboxed, ofArguments(DEFAULT_OF_THREE, "07", "sku-1", 2), "07 is not the number 7");
    }

    @Test
    void onlyBareArgumentsMakeAKeyOfArguments() {
        assertFalse(KeyTemplate.of(List.of(argument(0), ":", argument(1))).isOfArguments(), "{a}:{b} is rendered");
        assertFalse(KeyTemplate.of(List.of(PathNode.of(PathNode.THIS, new MethodHandle[0]), ",", argument(0))).isOfArguments(),
                "the receiver is not an argument");
        assertFalse(KeyTemplate.of(List.of("p-", argument(0))).isOfArguments());
        assertTrue(KeyTemplate.allArguments(2).isOfArguments());
    }

    private static void assertEqualKeys(Object expected, Object actual, String what) {
        assertEquals(expected, actual, what);
        assertEquals(actual, expected, what);
        assertEquals(expected.hashCode(), actual.hashCode(), what);
        assertEquals(KeyTemplate.text(expected), KeyTemplate.text(actual), what);
    }

    @Test
    void aTextWhoseOnlyCommaIsEscapedStaysAString() {
        assertInstanceOf(String.class, KeyTemplate.canonical("a\\,b"));
        assertInstanceOf(CompositeKey.class, KeyTemplate.canonical("a\\\\,b"), "an escaped backslash, then a separator");
    }
}
