package io.cacheweaver.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.agent.paths.ClassFileTypes;
import io.cacheweaver.agent.paths.PropertyCheck;
import io.cacheweaver.agent.paths.TypeView;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.RulesLoader;
import io.cacheweaver.rules.expr.Expr;
import io.cacheweaver.runtime.expr.CompileException;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weaving.fixture.Account;

/**
 * The weave-time property check gives the same verdict and the same message whether Byte Buddy's
 * type pool or the lean weaver's class file reader describes the types.
 */
class PropertyCheckTest {
    private static Expr.Path path(String expression) throws Exception {
        Rule rule = RulesLoader.withSystemEnvironment().parse("paths.yaml", """
                version: 1
                caches:
                  items: {}
                rules:
                  - id: find
                    method: weaving.fixture.Ledger#find
                    cache: items
                    key: "{%s}"
                """.formatted(expression)).rules().get(0);
        return rule.paths("key").get(0);
    }

    private static String verdict(Expr.Path path, TypeView root) {
        try {
            PropertyCheck.check(path, root);
            return "ok";
        } catch (CompileException e) {
            return e.getMessage();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "account.id | ok",
        "account.name.length() | ok",
        "account.vip | ok",
        "account.region.empty | ok",
        "account.parent.parent.name | ok",
        "account.tags.size() | ok",
        "account.idd | \"account.idd\": no property \"idd\"; available: id, name, parent, region, tags, vip of weaving.fixture.Account",
        "account.id.value | \"account.id.value\": no property \"value\"; available: nothing (long is a primitive)",
        "account.parent.nmae | \"account.parent.nmae\": no property \"nmae\"; available: id, name, parent, region, tags, vip of weaving.fixture.Account",
        "account.name.size() | JDK",
    })
    void byteBuddysTypesAndTheClassFileReaderGiveTheSameVerdict(String expression, String expected) throws Exception {
        Expr.Path path = path(expression);
        String byteBuddy = verdict(path, ByteBuddyType.of(TypeDescription.ForLoadedType.of(Account.class)));
        String classFiles = verdict(path, new ClassFileTypes(Account.class.getClassLoader()).type(Account.class.getName()));
        if (expected.equals("JDK")) { // String's members depend on the JDK: only the start of the message is fixed
            assertTrue(byteBuddy.startsWith("\"account.name.size()\": no method size(); available: "), byteBuddy);
        } else {
            assertEquals(expected, byteBuddy);
        }
        assertEquals(byteBuddy, classFiles);
    }

    @ParameterizedTest
    @CsvSource({"weaving.fixture.Missing", "int[]"})
    void aTypeWithoutAClassFileOrAnArrayIsLeftToTheRuntimeOrRejectedAlike(String type) throws Exception {
        Expr.Path path = path("account.anything");
        TypeView root = new ClassFileTypes(Account.class.getClassLoader()).type(type);
        if (type.endsWith("[]")) {
            CompileException e = assertThrows(CompileException.class, () -> PropertyCheck.check(path, root));
            assertEquals("\"account.anything\": no property \"anything\"; available: (none) of int[]", e.getMessage());
        } else {
            PropertyCheck.check(path, root); // no class file: the runtime resolves it against the loaded class
        }
    }
}
