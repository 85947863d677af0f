package io.cacheweaver.runtime.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Local-layer keys: equal exactly when their rendered texts are equal, and cheap for numbers. */
class CanonicalKeyTest {

    @Test
    void canonicalWholeNumbersBecomeLongsEverythingElseStaysText() {
        assertEquals(42L, KeyTemplate.canonical("42"));
        assertEquals(0L, KeyTemplate.canonical("0"));
        assertEquals(-7L, KeyTemplate.canonical("-7"));
        assertEquals(Long.MAX_VALUE, KeyTemplate.canonical("9223372036854775807"));
        for (String text : List.of("", "-", "-0", "007", "+7", "4 2", "42a", "1e3", "9223372036854775808", "\\N", "3.0")) {
            assertInstanceOf(String.class, KeyTemplate.canonical(text), text);
            assertEquals(text, KeyTemplate.canonical(text));
        }
    }

    @Test
    void textAndCanonicalAreInverse() {
        for (String text : List.of("0", "42", "-7", "007", "-0", "abc", "a\\:1:2", "9223372036854775808")) {
            assertEquals(text, KeyTemplate.text(KeyTemplate.canonical(text)), text);
        }
    }

    @Test
    void anIntALongAndADigitStringWithTheSameTextShareAKeyAndOthersDoNot() {
        KeyTemplate key = KeyTemplate.of(List.of(PathNode.of(0, new java.lang.invoke.MethodHandle[0])));
        Object fromLong = key.localKey(null, new Object[] {3L}, null);
        Object fromInt = key.localKey(null, new Object[] {3}, null);
        Object fromText = key.localKey(null, new Object[] {"3"}, null);
        assertEquals(fromLong, fromInt);
        assertEquals(fromLong, fromText);
        assertNotEquals(fromLong, key.localKey(null, new Object[] {"03"}, null));
        assertNotEquals(fromLong, key.localKey(null, new Object[] {null}, null), "null renders \\N, never a number");
    }

    @Test
    void aLongArgumentIsItsOwnKeyWithoutRendering() {
        KeyTemplate key = KeyTemplate.allArguments(1);
        Long id = 123_456_789L;
        assertSame(id, key.localKeyOfArgument(id), "no allocation on the hit path");
        assertEquals("a\\,b", key.localKeyOfArgument("a,b"), "escaped exactly as render() does");
        assertEquals(key.render(null, new Object[] {"a,b"}, null), KeyTemplate.text(key.localKeyOfArgument("a,b")));
    }
}
