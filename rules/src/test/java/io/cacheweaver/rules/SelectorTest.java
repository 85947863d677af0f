package io.cacheweaver.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectorTest {
    private static MethodSelector parse(String text) throws SelectorParser.SelectorException {
        return SelectorParser.parse(text);
    }

    @Test
    void parsesAllParts() throws Exception {
        MethodSelector s = parse(" com.shop..*Dao+ # find*( long , String[][], java.util.List, com.x.Outer$Inner, int... ) ");
        assertEquals("com.shop..*Dao", s.classPattern());
        assertTrue(s.includeSubtypes());
        assertEquals("find*", s.methodPattern());
        assertEquals(List.of("long", "java.lang.String[][]", "java.util.List", "com.x.Outer$Inner", "int[]"),
                s.parameterTypes());
        assertEquals("com.shop..*Dao+ # find*( long , String[][], java.util.List, com.x.Outer$Inner, int... )", s.text());
    }

    @Test
    void anyOverloadAndNoParameters() throws Exception {
        assertNull(parse("a.B#m").parameterTypes());
        assertNull(parse("a.B#m(..)").parameterTypes());
        assertNull(parse("a.B#m( .. )").parameterTypes());
        assertEquals(List.of(), parse("a.B#m()").parameterTypes());
        assertFalse(parse("a.B#m").includeSubtypes());
    }

    @Test
    void javaLangSimpleNamesAndNested() throws Exception {
        assertEquals(List.of("java.lang.Object", "java.lang.Integer", "java.lang.Thread$State", "boolean[]"),
                parse("a.B#m(Object, Integer, Thread$State, boolean[])").parameterTypes());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', value = {
            "com.x.Dao | missing '#' between class and method",
            "#find | missing class before '#'",
            "com.x.Dao# | missing method name after '#'",
            "com.x.Dao#(long) | missing method name after '#'",
            "com.x..#m | invalid class pattern \"com.x..\" ('.' separates segments, '..' matches any number of packages, and the name must end with a segment)",
            "com...x.Dao#m | invalid class pattern \"com...x.Dao\" ('.' separates segments, '..' matches any number of packages, and the name must end with a segment)",
            "com.x.Dao#m(long | the parameter list must end with ')' and nothing may follow it",
            "com.x.Dao#m(long) x | the parameter list must end with ')' and nothing may follow it",
            "com.x.Dao#m(String..., long) | only the last parameter can be varargs (\"String...\")",
            "com.x.Dao#m(long,) | invalid parameter type \"\" (empty)",
            "com.x.Dao#m(java.util.*) | invalid parameter type \"java.util.*\" (wildcards are not allowed in parameter types; use (..) for any)",
            "com.x.Dao#m(long[) | invalid parameter type \"long[\"",
    })
    void rejectsWithSelectorAndGrammar(String selector, String detail) {
        SelectorParser.SelectorException e = assertThrows(SelectorParser.SelectorException.class, () -> parse(selector));
        assertEquals("invalid method selector \"" + selector + "\": " + detail + "; " + SelectorParser.GRAMMAR,
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', value = {
            "com.x-y.Dao#m | 4 | invalid class name \"com.x-y.Dao\": \"x-y\" is not a Java identifier; each part between dots must be "
                    + SelectorParser.IDENTIFIER_RULE,
            "com.1shop.Dao#m | 4 | invalid class name \"com.1shop.Dao\": \"1shop\" is not a Java identifier; each part between dots must be "
                    + SelectorParser.IDENTIFIER_RULE,
            "..9*Dao+#m | 2 | invalid class name \"..9*Dao\": \"9*Dao\" is not a Java identifier; each part between dots must be "
                    + SelectorParser.IDENTIFIER_RULE,
            "com.x.Dao#<init> | 10 | invalid method name \"<init>\"; a method name must be " + SelectorParser.IDENTIFIER_RULE
                    + "; constructors and initializers never match",
            "com.x.Dao# 2find(long) | 11 | invalid method name \"2find\"; a method name must be " + SelectorParser.IDENTIFIER_RULE,
            "com.x.Dao#find.by(long) | 10 | invalid method name \"find.by\"; a method name must be " + SelectorParser.IDENTIFIER_RULE,
    })
    void namesMustBeJavaIdentifiers(String selector, int offset, String detail) {
        SelectorParser.SelectorException e = assertThrows(SelectorParser.SelectorException.class, () -> parse(selector));
        assertEquals("invalid method selector \"" + selector + "\": " + detail, e.getMessage());
        assertEquals(offset, e.offset());
    }

    @Test
    void wildcardsAndUnicodeIdentifiersAreNames() throws Exception {
        assertEquals("*1", parse("com.x.Dao#*1").methodPattern());
        assertEquals("com.café.*$Inner", parse("com.café.*$Inner#größe").classPattern());
        assertEquals("_$x", parse("_.$.Dao#_$x").methodPattern());
    }

    @Test
    void unknownSimpleTypeAsksForQualifiedName() {
        SelectorParser.SelectorException e = assertThrows(SelectorParser.SelectorException.class,
                () -> parse("a.B#m(Product)"));
        assertEquals("invalid method selector \"a.B#m(Product)\": unknown type \"Product\": only primitives and"
                + " java.lang classes may be written without a package; write the fully qualified name", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "com.shop.ProductDao, com.shop.ProductDao, true",
            "com.shop.ProductDao, com.shop.ProductDaoX, false",
            "com.shop.ProductDao, comXshop.ProductDao, false",
            "com.shop.*Dao, com.shop.ProductDao, true",
            "com.shop.*Dao, com.shop.sub.ProductDao, false",
            "com.shop.*, com.shop.Outer$Inner, true",
            "com.*.ProductDao, com.shop.ProductDao, true",
            "com.*.ProductDao, com.a.b.ProductDao, false",
            "com.shop..*Dao, com.shop.ProductDao, true",
            "com.shop..*Dao, com.shop.legacy.jdbc.ProductDao, true",
            "com.shop..*Dao, com.shopping.ProductDao, false",
            "com.shop..ProductDao, com.shop.ProductDao, true",
            "..*Dao, ProductDao, true",
            "..*Dao, com.x.ProductDao, true",
            "..*Dao, com.x.ProductDaoImpl, false",
            "com.x.Outer$Inner, com.x.Outer$Inner, true",
            "com.x.Outer$Inner, com.x.OuterXInner, false",
    })
    void classRegex(String pattern, String className, boolean matches) throws Exception {
        Pattern regex = parse(pattern + "#m").classRegex();
        assertEquals(matches, regex.matcher(className).matches(), regex.pattern());
    }

    @ParameterizedTest
    @CsvSource({
            "find*, findById, true",
            "find*, find, true",
            "find*, refind, false",
            "*ById, findById, true",
            "get*Name, getFullName, true",
            "get*Name, getFullNames, false",
            "*, anything, true",
            "save, save, true",
            "save, saveAll, false",
            "m$1, m$1, true",
    })
    void methodRegex(String pattern, String name, boolean matches) throws Exception {
        assertEquals(matches, parse("a.B#" + pattern).methodRegex().matcher(name).matches());
    }

    @Test
    void matchesParameters() throws Exception {
        MethodSelector exact = parse("a.B#m(long, String...)");
        assertTrue(exact.matchesParameters(List.of("long", "java.lang.String[]")));
        assertFalse(exact.matchesParameters(List.of("long")));
        assertFalse(exact.matchesParameters(List.of("java.lang.Long", "java.lang.String[]")));
        assertTrue(parse("a.B#m()").matchesParameters(List.of()));
        assertFalse(parse("a.B#m()").matchesParameters(List.of("int")));
        assertTrue(parse("a.B#m(..)").matchesParameters(List.of("int", "long")));
        assertTrue(parse("a.B#m").matchesParameters(List.of()));
    }
}
