package io.cacheweaver.runtime.expr;

import io.cacheweaver.rules.expr.Expr;
import io.cacheweaver.rules.expr.Template;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns parsed expressions into {@link Node}s bound to one method: parameter names become
 * indexes and property steps become method handles, so evaluation does no lookup.
 */
public final class ExpressionCompiler {
    private final CallSignature signature;

    public ExpressionCompiler(CallSignature signature) {
        this.signature = signature;
    }

    /** Checks roots only (names, positions, this/result); usable before the class is loaded. */
    public void checkRoots(Expr expr) throws CompileException {
        if (expr instanceof Expr.Path path) {
            rootIndex(path);
        } else if (expr instanceof Expr.Not not) {
            checkRoots(not.operand());
        } else if (expr instanceof Expr.Binary binary) {
            checkRoots(binary.left());
            checkRoots(binary.right());
        }
    }

    public void checkRoots(Template template) throws CompileException {
        for (Template.Part part : template.parts()) {
            if (part instanceof Template.Placeholder placeholder) {
                rootIndex(placeholder.path());
            }
        }
    }

    public Node compile(Expr expr) throws CompileException {
        if (expr instanceof Expr.Path path) {
            return compilePath(path);
        }
        if (expr instanceof Expr.Literal literal) {
            Object value = literal.value();
            return (self, args, result) -> value;
        }
        if (expr instanceof Expr.Not not) {
            Node operand = compile(not.operand());
            return (self, args, result) -> !Conditions.isTrue(operand.eval(self, args, result));
        }
        Expr.Binary binary = (Expr.Binary) expr;
        return Conditions.binary(binary.operator(), compile(binary.left()), compile(binary.right()));
    }

    public KeyTemplate compile(Template template) throws CompileException {
        List<Object> parts = new ArrayList<>();
        for (Template.Part part : template.parts()) {
            if (part instanceof Template.Text text) {
                parts.add(text.text());
            } else {
                parts.add(compilePath(((Template.Placeholder) part).path()));
            }
        }
        return KeyTemplate.of(parts);
    }

    /** The key used when a rule has no {@code key:}: every argument, in order. */
    public KeyTemplate allArguments() {
        return KeyTemplate.allArguments(signature.parameterCount());
    }

    private Node compilePath(Expr.Path path) throws CompileException {
        int root = rootIndex(path);
        Class<?> type = rootType(path, root);
        List<MethodHandle> steps = new ArrayList<>();
        for (Expr.Step step : path.steps()) {
            try {
                PropertyAccess.Resolved resolved = PropertyAccess.resolve(type, step.name(), step.call());
                steps.add(resolved.handle());
                type = resolved.type();
            } catch (CompileException e) {
                throw new CompileException("\"" + path.text() + "\": " + e.getMessage());
            }
        }
        return PathNode.of(root, steps.toArray(new MethodHandle[0]));
    }

    /** {@code >= 0}: argument index; {@link PathNode#THIS}; {@link PathNode#RESULT}. */
    private int rootIndex(Expr.Path path) throws CompileException {
        Expr.Root root = path.root();
        if (root instanceof Expr.This) {
            if (signature.isStatic()) {
                throw new CompileException("\"" + path.text() + "\": \"this\" is not available in a static method");
            }
            return PathNode.THIS;
        }
        if (root instanceof Expr.Result) {
            if (signature.resultType() == null) {
                throw new CompileException("\"" + path.text() + "\": \"result\" is only available in unless and in put values");
            }
            return PathNode.RESULT;
        }
        if (root instanceof Expr.Argument argument) {
            if (argument.index() < 0 || argument.index() >= signature.parameterCount()) {
                throw new CompileException("\"" + path.text() + "\": no parameter at position " + argument.index()
                        + "; available: " + signature.availableParameters());
            }
            return argument.index();
        }
        String name = ((Expr.Parameter) root).name();
        int index = signature.parameterNames().indexOf(name);
        if (index < 0) {
            throw new CompileException("\"" + path.text() + "\": no parameter named \"" + name + "\"; " + whatIsAvailable());
        }
        return index;
    }

    /**
     * Without {@code -parameters} or debug information a class file has no parameter names at all:
     * say so, and which positions to write instead ("available: 0" alone reads like "none").
     */
    private String whatIsAvailable() {
        List<String> names = signature.parameterNames();
        boolean noNames = !names.isEmpty() && names.stream().allMatch(n -> n == null);
        if (noNames) {
            StringBuilder positions = new StringBuilder();
            for (int i = 0; i < names.size(); i++) {
                positions.append(i == 0 ? "" : ", ").append(i);
            }
            return "the class has no parameter names (compile with -parameters or -g), use positions: " + positions;
        }
        boolean someUnnamed = names.stream().anyMatch(n -> n == null);
        return "available: " + signature.availableParameters()
                + (someUnnamed ? " (compile with -parameters or -g to use names)" : "");
    }

    private Class<?> rootType(Expr.Path path, int root) {
        if (root == PathNode.THIS) {
            return signature.declaringClass();
        }
        if (root == PathNode.RESULT) {
            return signature.resultType();
        }
        return signature.parameterTypes()[root];
    }
}
