package io.cacheweaver.agent.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.agent.http.fixture.Shapes;
import io.cacheweaver.agent.http.fixture.ShapesRoot;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The class file {@link WrapperClassWriter} writes, over a base with every primitive type
 * ({@link Shapes}), defined in a class loader of its own and so verified by the JVM.
 */
class WrapperClassWriterTest {
    private static final List<String> NAMES = List.of("mix", "toByte", "toChar", "toShort", "toInt", "toLong", "toFloat",
            "toDouble", "parts", "value", "fixed", "helper");

    private final Map<String, Object> answers = new HashMap<>();
    private final List<Method> methods = new ArrayList<>();
    private final List<Object[]> arguments = new ArrayList<>();
    private final InvocationHandler handler = (proxy, method, args) -> {
        methods.add(method);
        arguments.add(args);
        return answers.get(method.getName());
    };

    private Shapes generated() throws Exception {
        String name = Shapes.class.getName() + "$Cacheweaver";
        byte[] bytes = WrapperClassWriter.write(name, Shapes.class.getDeclaredConstructor(int.class, long.class, String.class),
                WrapperClassWriter.routed(Shapes.class, NAMES));
        Class<?> type = OneClassLoader.define(name, bytes);
        return (Shapes) type.getConstructor(int.class, long.class, String.class, InvocationHandler.class)
                .newInstance(7, 1L << 33, "shapes", handler);
    }

    @Test
    void theOverridableMethodsOfTheNamesAreRoutedSortedWithoutBridgesFinalOrStaticOnes() {
        List<String> routed = new ArrayList<>();
        for (Method method : WrapperClassWriter.routed(Shapes.class, NAMES)) {
            routed.add(method.getDeclaringClass().getSimpleName() + "." + method.getName() + ":" + method.getReturnType().getSimpleName());
        }
        assertEquals(List.of("Shapes.mix:boolean", "Shapes.parts:int[]", "Shapes.toByte:byte", "Shapes.toChar:char",
                "Shapes.toDouble:double", "Shapes.toFloat:float", "Shapes.toInt:int", "Shapes.toLong:long", "Shapes.toShort:short",
                "Shapes.value:String"), routed);
    }

    @Test
    void theConstructorPassesItsLeadingArgumentsToTheBaseAndKeepsTheHandler() throws Exception {
        Shapes shapes = generated();
        assertEquals(7, shapes.seed);
        assertEquals(1L << 33, shapes.wide);
        assertEquals("shapes", shapes.name);
        java.lang.reflect.Field field = shapes.getClass().getDeclaredField("cw$handler");
        assertEquals(Modifier.PRIVATE | Modifier.FINAL, field.getModifiers());
        field.setAccessible(true);
        assertSame(handler, field.get(shapes));
    }

    @Test
    void everyPrimitiveArgumentArrivesBoxedInItsSlot() throws Exception {
        answers.put("mix", Boolean.TRUE);
        Object other = new Object();
        assertTrue(generated().mix(true, (byte) -1, 'c', (short) 300, 70000, 1L << 40, 1.5f, 2.25, other));
        assertArrayEquals(new Object[] {true, (byte) -1, 'c', (short) 300, 70000, 1L << 40, 1.5f, 2.25, other}, arguments.get(0));
        List<Class<?>> boxes = new ArrayList<>();
        for (Object argument : arguments.get(0)) {
            boxes.add(argument.getClass());
        }
        assertEquals(List.of(Boolean.class, Byte.class, Character.class, Short.class, Integer.class, Long.class, Float.class,
                Double.class, Object.class), boxes);
        assertEquals(Shapes.class.getMethod("mix", boolean.class, byte.class, char.class, short.class, int.class, long.class,
                float.class, double.class, Object.class), methods.get(0));
    }

    @Test
    void everyPrimitiveResultComesBackUnboxed() throws Exception {
        answers.putAll(Map.of("toByte", (byte) 9, "toChar", 'x', "toShort", (short) -2, "toInt", 123456, "toLong", -(1L << 50),
                "toFloat", 0.5f, "toDouble", 1e300));
        Shapes shapes = generated();
        assertEquals((byte) 9, shapes.toByte());
        assertEquals('x', shapes.toChar());
        assertEquals((short) -2, shapes.toShort());
        assertEquals(123456, shapes.toInt(5L));
        assertEquals(-(1L << 50), shapes.toLong(0.25));
        assertEquals(0.5f, shapes.toFloat());
        assertEquals(1e300, shapes.toDouble());
        assertArrayEquals(new Object[] {5L}, arguments.get(3));
        assertArrayEquals(new Object[] {0.25}, arguments.get(4));
        answers.put("toInt", 1L); // a Long for an int: the cast fails, as with Byte Buddy's default assigner
        assertThrows(ClassCastException.class, () -> shapes.toInt(0));
        answers.remove("toDouble");
        assertThrows(NullPointerException.class, shapes::toDouble);
    }

    @Test
    void varargsAndArraysPassAsThemselves() throws Exception {
        int[] answer = {1, 2};
        answers.put("parts", answer);
        Shapes shapes = generated();
        assertSame(answer, shapes.parts("a", "b"));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) arguments.get(0)[0]);
        assertTrue(shapes.getClass().getMethod("parts", String[].class).isVarArgs());
    }

    @Test
    void aNarrowedResultIsOverriddenOnceAndReachedThroughTheBridge() throws Exception {
        answers.put("value", "routed");
        ShapesRoot root = generated();
        assertEquals("routed", root.value()); // the base's bridge calls the override
        assertEquals(List.of(Shapes.class.getMethod("value")), methods);
        assertEquals(String.class, methods.get(0).getReturnType());
        assertEquals(1, List.of(root.getClass().getDeclaredMethods()).stream().filter(m -> m.getName().equals("value")).count());
    }

    @Test
    void finalStaticAndUnlistedMethodsStayTheBases() throws Exception {
        Shapes shapes = generated();
        assertEquals("base fixed", shapes.fixed());
        assertEquals("base untouched", shapes.untouched());
        assertEquals("base helper", Shapes.helper());
        assertEquals(List.of(), methods);
    }
}
