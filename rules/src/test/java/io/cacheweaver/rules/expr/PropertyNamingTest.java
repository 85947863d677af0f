package io.cacheweaver.rules.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PropertyNamingTest {
    @Test
    void aPropertyStepTriesGetterThenBooleanGetterThenAccessor() {
        Expr.Step step = new Expr.Step("vip", false);
        assertEquals(List.of("getVip", "isVip", "vip"), PropertyNaming.methodNames(step));
        assertFalse(PropertyNaming.needsBoolean(step, "getVip"));
        assertTrue(PropertyNaming.needsBoolean(step, "isVip"));
        assertFalse(PropertyNaming.needsBoolean(step, "vip"));
    }

    @Test
    void aStepNamedLikeABooleanGetterStillReadsItsOwnAccessor() {
        Expr.Step step = new Expr.Step("isOpen", false);
        assertEquals(List.of("getIsOpen", "isIsOpen", "isOpen"), PropertyNaming.methodNames(step));
        assertFalse(PropertyNaming.needsBoolean(step, "isOpen"));
    }

    @Test
    void aCallStepReadsOnlyTheMethod() {
        Expr.Step step = new Expr.Step("size", true);
        assertEquals(List.of("size"), PropertyNaming.methodNames(step));
        assertFalse(PropertyNaming.needsBoolean(step, "size"));
    }

    @Test
    void methodsAreListedAsTheStepThatReadsThem() {
        assertEquals("name", PropertyNaming.stepFor("getName"));
        assertEquals("active", PropertyNaming.stepFor("isActive"));
        assertEquals("size()", PropertyNaming.stepFor("size"));
        assertEquals("get()", PropertyNaming.stepFor("get"));
    }
}
