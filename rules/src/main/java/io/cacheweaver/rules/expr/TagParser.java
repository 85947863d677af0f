package io.cacheweaver.rules.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses tag templates: the key-template syntax ({@link ExpressionParser#parseTemplate}) plus one
 * {@code [*]} per template, right after a path's root or one of its steps.
 */
public final class TagParser {
    private static final String FAN_OUT = "[*]";

    private TagParser() {
    }

    public static TagTemplate parse(String text, boolean allowResult, List<String> parameterTypes) throws ExpressionException {
        int star = text.indexOf(FAN_OUT);
        if (star >= 0 && text.indexOf(FAN_OUT, star + 1) >= 0) {
            throw new ExpressionException("at most one [*] per tag", text.indexOf(FAN_OUT, star + 1));
        }
        int placeholder = -1;  // which placeholder holds [*]
        int stepsBefore = 0;   // how many .steps precede it in that placeholder
        if (star >= 0) {
            int open = openingBrace(text, star);
            if (open < 0) {
                throw new ExpressionException("[*] is only allowed inside a placeholder: {result[*].id}", star);
            }
            placeholder = placeholdersBefore(text, open);
            for (int i = open + 1; i < star; i++) {
                if (text.charAt(i) == '.') {
                    stepsBefore++;
                }
            }
        }
        String plain = star < 0 ? text : text.substring(0, star) + text.substring(star + FAN_OUT.length());
        Template template;
        try {
            template = ExpressionParser.parseTemplate(plain, allowResult, parameterTypes);
        } catch (ExpressionException e) {
            throw star >= 0 && e.offset() >= star ? new ExpressionException(e.getMessage(), e.offset() + FAN_OUT.length()) : e;
        }
        List<TagTemplate.Part> parts = new ArrayList<>();
        int seen = 0;
        for (Template.Part part : template.parts()) {
            if (part instanceof Template.Text literal) {
                parts.add(new TagTemplate.Text(literal.text()));
                continue;
            }
            Expr.Path path = ((Template.Placeholder) part).path();
            if (seen++ != placeholder) {
                parts.add(new TagTemplate.Placeholder(path));
                continue;
            }
            List<Expr.Step> steps = path.steps();
            Expr.Path collection = new Expr.Path(path.root(), steps.subList(0, stepsBefore), path.text());
            parts.add(new TagTemplate.FanOut(collection, steps.subList(stepsBefore, steps.size())));
        }
        return new TagTemplate(text, parts);
    }

    /** The {@code {} of the placeholder around {@code at}, or -1 when {@code at} is in literal text. */
    private static int openingBrace(String text, int at) {
        for (int i = at - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '}') {
                return -1;
            }
            if (c == '{' && (i == 0 || text.charAt(i - 1) != '{')) {
                return i;
            }
        }
        return -1;
    }

    private static int placeholdersBefore(String text, int open) {
        int count = 0;
        for (int i = 0; i < open; i++) {
            if (text.charAt(i) == '{') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '{') {
                    i++;
                } else {
                    count++;
                }
            }
        }
        return count;
    }
}
