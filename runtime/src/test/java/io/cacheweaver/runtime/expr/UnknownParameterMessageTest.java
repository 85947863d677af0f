package io.cacheweaver.runtime.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cacheweaver.rules.expr.ExpressionParser;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a user reads when a key names a parameter the woven method does not have. */
class UnknownParameterMessageTest {
    private static String messageFor(String template, List<String> parameterNames) throws Exception {
        ExpressionCompiler compiler = new ExpressionCompiler(new CallSignature(parameterNames, null, null, false, null));
        return assertThrows(CompileException.class,
                () -> compiler.checkRoots(ExpressionParser.parseTemplate(template, false))).getMessage();
    }

    @Test
    void aClassWithoutParameterNamesSaysSoAndListsPositions() throws Exception {
        assertEquals("\"id\": no parameter named \"id\"; the class has no parameter names"
                + " (compile with -parameters or -g), use positions: 0", messageFor("{id}", Arrays.asList((String) null)));
        assertEquals("\"product.id\": no parameter named \"product\"; the class has no parameter names"
                + " (compile with -parameters or -g), use positions: 0, 1", messageFor("{product.id}", Arrays.asList(null, null)));
    }

    @Test
    void aTypoListsTheNamesAndPositions() throws Exception {
        assertEquals("\"txt\": no parameter named \"txt\"; available: text or 0, page or 1",
                messageFor("{txt}", List.of("text", "page")));
    }

    @Test
    void aMethodWithoutParametersSaysSo() throws Exception {
        assertEquals("\"id\": no parameter named \"id\"; available: none (the method has no parameters)",
                messageFor("{id}", List.of()));
    }
}
