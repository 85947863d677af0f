package io.cacheweaver.rules.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cacheweaver.rules.expr.Expr.Argument;
import io.cacheweaver.rules.expr.Expr.Binary;
import io.cacheweaver.rules.expr.Expr.Literal;
import io.cacheweaver.rules.expr.Expr.Not;
import io.cacheweaver.rules.expr.Expr.Operator;
import io.cacheweaver.rules.expr.Expr.Parameter;
import io.cacheweaver.rules.expr.Expr.Path;
import io.cacheweaver.rules.expr.Expr.Step;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionParserTest {
    private static Path param(String name) {
        return new Path(new Parameter(name), List.of(), name);
    }

    private static Expr cond(String text) throws ExpressionException {
        return ExpressionParser.parseCondition(text, true).expr();
    }

    // ---- templates ----

    @Test
    void templateWithTextAndPaths() throws Exception {
        Template t = ExpressionParser.parseTemplate("user:{user.id}:{ page }/{args[2].size()}-{this.name}{{x}}", false);
        assertEquals(List.of(
                new Template.Text("user:"),
                new Template.Placeholder(new Path(new Parameter("user"), List.of(new Step("id", false)), "user.id")),
                new Template.Text(":"),
                new Template.Placeholder(param("page")),
                new Template.Text("/"),
                new Template.Placeholder(new Path(new Argument(2), List.of(new Step("size", true)), "args[2].size()")),
                new Template.Text("-"),
                new Template.Placeholder(new Path(new Expr.This(), List.of(new Step("name", false)), "this.name")),
                new Template.Text("{x}")), t.parts());
        assertEquals("user:{user.id}:{ page }/{args[2].size()}-{this.name}{{x}}", t.text());
    }

    @Test
    void positionsResultAndLiteralOnly() throws Exception {
        assertEquals(List.of(new Template.Placeholder(new Path(new Argument(10), List.of(), "10"))),
                ExpressionParser.parseTemplate("{10}", false).parts());
        assertEquals(List.of(new Template.Placeholder(new Path(new Expr.Result(), List.of(new Step("a", false),
                new Step("b", true)), "result.a.b()"))), ExpressionParser.parseTemplate("{result.a.b()}", true).parts());
        assertEquals(List.of(new Template.Text("all}")), ExpressionParser.parseTemplate("all}}", false).parts());
        assertEquals(List.of(new Template.Placeholder(param("args"))), ExpressionParser.parseTemplate("{args}", false).parts());
        assertEquals(true, ExpressionParser.parseTemplate("{product}", true).isSinglePlaceholder());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " ~ ", quoteCharacter = '`', value = {
            "{a}{b} ~ 3 ~ placeholders must be separated by literal text so that keys stay unique",
            "{a}} ~ 3 ~ unmatched '}'; write }} for a literal '}'",
            "{id ~ 0 ~ unclosed placeholder; expected '}' (write {{ for a literal '{')",
            "id} ~ 2 ~ unmatched '}'; write }} for a literal '}'",
            "{} ~ 1 ~ empty placeholder; expected a parameter name, a position (0, args[0]), this or result",
            "{a.} ~ 3 ~ expected a property or method name after '.', found the end",
            "{a.b(1)} ~ 5 ~ expected ')': only zero-argument methods can be called",
            "{a b} ~ 3 ~ unexpected 'b' in placeholder; expected '.', '}' or the end of the path",
            "{args[x]} ~ 6 ~ expected a parameter position (0, 1, ...)",
            "{args[0} ~ 7 ~ expected ']' after args[0",
            "{null} ~ 1 ~ expected a parameter name, a position (0, args[0]), this or result, found 'n'",
            "k:{result} ~ 3 ~ result is not available here; it can be used in unless: and in the value: of a put rule",
    })
    void templateErrors(String text, int offset, String message) {
        ExpressionException e = assertThrows(ExpressionException.class, () -> ExpressionParser.parseTemplate(text, false));
        assertEquals(message, e.getMessage());
        assertEquals(offset, e.offset());
    }

    // ---- conditions ----

    @Test
    void literals() throws Exception {
        assertEquals(new Literal(null), cond("null"));
        assertEquals(new Literal(true), cond("true"));
        assertEquals(new Literal(false), cond(" false "));
        assertEquals(new Literal(42L), cond("42"));
        assertEquals(new Literal(-7L), cond("-7"));
        assertEquals(new Literal(2.5), cond("2.5"));
        assertEquals(new Literal("it's \\ ok"), cond("'it\\'s \\\\ ok'"));
        assertEquals(new Literal(""), cond("''"));
    }

    @Test
    void everyOperator() throws Exception {
        for (Operator op : Operator.values()) {
            assertEquals(new Binary(op, param("a"), new Literal(1L)), cond("a " + op.symbol() + " 1"), op.symbol());
        }
        assertEquals(new Binary(Operator.NE, param("a"), new Literal(null)), cond("a!=null"));
    }

    @Test
    void precedenceNotOverComparisonOverAndOverOr() throws Exception {
        Expr a = param("a");
        Expr b = param("b");
        Expr c = param("c");
        assertEquals(new Binary(Operator.OR, a, new Binary(Operator.AND, b, c)), cond("a || b && c"));
        assertEquals(new Binary(Operator.OR, new Binary(Operator.AND, a, b), c), cond("a && b || c"));
        assertEquals(new Binary(Operator.AND, new Binary(Operator.GT, a, new Literal(1L)),
                new Binary(Operator.EQ, b, new Literal("x"))), cond("a > 1 && b == 'x'"));
        assertEquals(new Binary(Operator.EQ, new Not(a), new Literal(false)), cond("!a == false"));
        assertEquals(new Binary(Operator.AND, new Binary(Operator.OR, a, b), c), cond("(a || b) && c"));
        assertEquals(new Not(new Not(new Binary(Operator.LE, a, b))), cond("!!(a <= b)"));
        assertEquals(new Binary(Operator.OR, new Binary(Operator.OR, a, b), c), cond("a || b || c"));
    }

    @Test
    void pathsInConditions() throws Exception {
        assertEquals(new Binary(Operator.GE, new Path(new Argument(1), List.of(new Step("size", true)), "args[1].size()"),
                new Literal(0L)), cond("args[1].size() >= 0"));
        assertEquals(new Path(new Expr.Result(), List.of(new Step("empty", false)), "result.empty"), cond("result.empty"));
        assertEquals(new Path(new Expr.This(), List.of(new Step("enabled", false)), "this.enabled"), cond("this.enabled"));
        assertEquals(new Path(new Parameter("nullable"), List.of(), "nullable"), cond("nullable"));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " ~ ", quoteCharacter = '`', value = {
            "a == ~ 4 ~ expected a value (a path such as id or user.name, null, true, false, a number or 'text'), found the end",
            "a = 1 ~ 2 ~ use == to compare",
            "a & b ~ 2 ~ use && (single '&' is not an operator)",
            "a | b ~ 2 ~ use || (single '|' is not an operator)",
            "(a == 1 ~ 7 ~ expected ')', found the end",
            "a < b < c ~ 6 ~ comparisons cannot be chained; combine them with && or ||",
            "'abc ~ 0 ~ unclosed 'text'; expected a closing ' (write \\' for a quote inside)",
            "a b ~ 2 ~ unexpected 'b'; expected an operator (== != < <= > >= && ||) or the end",
            "0.id == 1 ~ 0 ~ a number cannot be followed by '.'; write a position as args[N] in conditions",
            "12abc ~ 2 ~ unexpected 'a' after a number",
            "99999999999999999999 ~ 0 ~ number out of range: 99999999999999999999",
            "`  ` ~ 2 ~ the condition is empty",
            "a == \"x\" ~ 5 ~ expected a value (a path such as id or user.name, null, true, false, a number or 'text'), found '\"'",
    })
    void conditionErrors(String text, int offset, String message) {
        ExpressionException e = assertThrows(ExpressionException.class, () -> cond(text));
        assertEquals(message, e.getMessage());
        assertEquals(offset, e.offset());
    }

    @Test
    void emptyTemplate() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> ExpressionParser.parseTemplate("", false));
        assertEquals("the template is empty", e.getMessage());
        assertEquals(0, e.offset());
    }

    @Test
    void resultOnlyWhenAllowed() throws Exception {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> ExpressionParser.parseCondition("id > 0 && result != null", false));
        assertEquals(10, e.offset());
        assertEquals(new Condition("result", new Path(new Expr.Result(), List.of(), "result")),
                ExpressionParser.parseCondition("result", true));
    }
}
