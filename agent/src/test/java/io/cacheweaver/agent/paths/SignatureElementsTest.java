package io.cacheweaver.agent.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/** The element types a batch rule's {@code {it}} gets, read from real class files as javac writes them. */
class SignatureElementsTest {
    @SuppressWarnings({"unused", "rawtypes"})
    abstract static class Shapes<T> {
        abstract List<String> declared(List<Long> ids, Collection<? extends Number> wildcard, Set<T> variable, List raw);

        abstract Map<Long, String> arrays(long[] primitive, String[][] nested, List<long[]> ofArrays, List<List<String>> ofLists);

        abstract T[] generic(T[] variables, Map<String, Long> two, List<?> unbounded);
    }

    private static SignatureElements of(String method) throws Exception {
        Map<String, SignatureElements> read = new HashMap<>();
        try (InputStream in = Shapes.class.getResourceAsStream("SignatureElementsTest$Shapes.class")) {
            new ClassReader(in.readAllBytes()).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    read.put(name, new SignatureElements(descriptor, signature));
                    return null;
                }
            }, ClassReader.SKIP_CODE);
        }
        return read.get(method);
    }

    @Test
    void oneClassTypeArgumentIsTheElementWildcardsVariablesAndRawTypesAreUnknown() throws Exception {
        SignatureElements declared = of("declared");
        assertEquals("java.lang.Long", declared.parameter(0));
        assertNull(declared.parameter(1));
        assertNull(declared.parameter(2));
        assertNull(declared.parameter(3));
        assertEquals("java.lang.String", declared.result());
    }

    @Test
    void anArraysElementIsItsComponentAndAParameterizedArgumentIsItsErasure() throws Exception {
        SignatureElements arrays = of("arrays");
        assertEquals("long", arrays.parameter(0));
        assertEquals("java.lang.String[]", arrays.parameter(1));
        assertEquals("long[]", arrays.parameter(2));
        assertEquals("java.util.List", arrays.parameter(3));
        assertNull(arrays.result(), "two type arguments");
    }

    @Test
    void anArrayOfATypeVariableIsItsErasureAsByteBuddySaysAndOtherGenericsAreUnknown() throws Exception {
        SignatureElements generic = of("generic");
        assertEquals("java.lang.Object", generic.parameter(0));
        assertNull(generic.parameter(1));
        assertNull(generic.parameter(2));
        assertEquals("java.lang.Object", generic.result());
    }
}
