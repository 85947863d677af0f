package io.cacheweaver.runtime;

import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.expr.TagTemplate;
import io.cacheweaver.runtime.expr.CallSignature;
import io.cacheweaver.runtime.expr.CompileException;
import io.cacheweaver.runtime.expr.ElementSteps;
import io.cacheweaver.runtime.expr.ExpressionCompiler;
import io.cacheweaver.runtime.expr.Node;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule's compiled {@code tags:}: renders the tags of one call as plain text. A fan-out
 * ({@code {result[*].id}}) yields one tag per element of a collection, array or map (its values);
 * a {@code null} collection yields none. Duplicates are dropped.
 */
final class TagRenderer {
    private record FanOut(Node collection, ElementSteps each) {
    }

    private final Object[][] templates; // parts: String, Node or FanOut

    private TagRenderer(Object[][] templates) {
        this.templates = templates;
    }

    /** The renderer for {@code rule} on {@code method}, or {@code null} when the rule has no tags. */
    static TagRenderer compile(Rule rule, MethodShape shape) throws CompileException {
        if (rule.tags().isEmpty()) {
            return null;
        }
        Method method = SiteCompiler.resolve(shape);
        if (java.util.concurrent.CompletionStage.class.isAssignableFrom(method.getReturnType())) {
            throw new CompileException("tags are not supported yet on methods returning a future ("
                    + method.getReturnType().getSimpleName() + ")").in("tags");
        }
        Class<?> resultType = method.getReturnType() == void.class ? Object.class : method.getReturnType();
        ExpressionCompiler compiler = new ExpressionCompiler(new CallSignature(shape.parameterNames(), method.getParameterTypes(),
                method.getDeclaringClass(), Modifier.isStatic(method.getModifiers()), resultType));
        Object[][] templates = new Object[rule.tags().size()][];
        try {
            for (int t = 0; t < templates.length; t++) {
                List<TagTemplate.Part> parts = rule.tags().get(t).parts();
                Object[] compiled = new Object[parts.size()];
                for (int i = 0; i < compiled.length; i++) {
                    TagTemplate.Part part = parts.get(i);
                    if (part instanceof TagTemplate.Text text) {
                        compiled[i] = text.text();
                    } else if (part instanceof TagTemplate.Placeholder placeholder) {
                        compiled[i] = compiler.compile(placeholder.path());
                    } else {
                        TagTemplate.FanOut fanOut = (TagTemplate.FanOut) part;
                        compiled[i] = new FanOut(compiler.compile(fanOut.collection()), new ElementSteps(fanOut.each()));
                    }
                }
                templates[t] = compiled;
            }
        } catch (CompileException e) {
            throw e.in("tags");
        }
        return new TagRenderer(templates);
    }

    String[] render(Object self, Object[] args, Object result) {
        Set<String> tags = new LinkedHashSet<>();
        for (Object[] template : templates) {
            render(template, self, args, result, tags);
        }
        return tags.toArray(new String[0]);
    }

    private static void render(Object[] template, Object self, Object[] args, Object result, Set<String> out) {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < template.length; i++) {
            Object part = template[i];
            if (part instanceof String text) {
                prefix.append(text);
            } else if (part instanceof Node node) {
                prefix.append(node.eval(self, args, result));
            } else {
                FanOut fanOut = (FanOut) part;
                String suffix = suffix(template, i + 1, self, args, result);
                for (Object element : elements(fanOut.collection().eval(self, args, result))) {
                    out.add(prefix + String.valueOf(fanOut.each().apply(element)) + suffix);
                }
                return;
            }
        }
        out.add(prefix.toString());
    }

    /** The parts after a fan-out (there is at most one per template). */
    private static String suffix(Object[] template, int from, Object self, Object[] args, Object result) {
        StringBuilder suffix = new StringBuilder();
        for (int i = from; i < template.length; i++) {
            suffix.append(template[i] instanceof Node node ? node.eval(self, args, result) : template[i]);
        }
        return suffix.toString();
    }

    private static Iterable<?> elements(Object collection) {
        if (collection == null) {
            return List.of();
        }
        if (collection instanceof Iterable<?> iterable) {
            return iterable;
        }
        if (collection instanceof Map<?, ?> map) {
            return map.values();
        }
        if (collection.getClass().isArray()) {
            int length = Array.getLength(collection);
            Object[] boxed = new Object[length];
            for (int i = 0; i < length; i++) {
                boxed[i] = Array.get(collection, i);
            }
            return java.util.Arrays.asList(boxed);
        }
        return List.of(collection); // a single value: one tag
    }
}
