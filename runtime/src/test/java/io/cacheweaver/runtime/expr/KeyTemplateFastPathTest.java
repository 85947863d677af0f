package io.cacheweaver.runtime.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.invoke.MethodHandle;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hot-path shortcuts for boxed numbers render exactly what the general escaping path renders. */
class KeyTemplateFastPathTest {
    private static Node arg(int i) {
        return PathNode.of(i, new MethodHandle[0]);
    }

    @Test
    void singlePlaceholderNumbersRenderAsTheirText() {
        KeyTemplate single = KeyTemplate.of(List.of(arg(0)));
        assertEquals("1234567", single.render(null, new Object[] {1234567L}, null));
        assertEquals("-42", single.render(null, new Object[] {-42}, null));
        assertEquals("true", single.render(null, new Object[] {true}, null));
        assertEquals("\\\\", single.render(null, new Object[] {'\\'}, null)); // a backslash char is still escaped
        assertEquals(KeyTemplate.NULL, single.render(null, new Object[] {null}, null));
    }

    @Test
    void defaultKeyAppendsNumbersWithoutChangingTheText() {
        KeyTemplate all = KeyTemplate.allArguments(3);
        assertEquals("12,SKU\\,1,-5", all.render(null, new Object[] {12L, "SKU,1", -5}, null));
        assertEquals("9223372036854775807,x,-32768", all.render(null, new Object[] {Long.MAX_VALUE, "x", (short) -32768}, null));
    }

    @Test
    void numbersAreStillEscapedWhenTheTemplateUsesDigitsOrMinus() {
        KeyTemplate dashed = KeyTemplate.of(List.of(arg(0), "-", arg(1)));
        assertEquals("\\-1-2", dashed.render(null, new Object[] {-1, 2}, null));
        assertNotEquals(dashed.render(null, new Object[] {-1, 2}, null), dashed.render(null, new Object[] {"", "1-2"}, null));
        KeyTemplate digits = KeyTemplate.of(List.of("v1:", arg(0)));
        assertEquals("v1:\\10", digits.render(null, new Object[] {10}, null));
    }
}
