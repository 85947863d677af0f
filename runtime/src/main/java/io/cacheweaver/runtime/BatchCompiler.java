package io.cacheweaver.runtime;

import io.cacheweaver.rules.Action;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.expr.ExpressionException;
import io.cacheweaver.rules.expr.ExpressionParser;
import io.cacheweaver.rules.expr.Template;
import io.cacheweaver.runtime.expr.CallSignature;
import io.cacheweaver.runtime.expr.CompileException;
import io.cacheweaver.runtime.expr.ExpressionCompiler;
import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.expr.Node;
import io.cacheweaver.runtime.remote.ValueType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Collection;

/**
 * Compiles a batch rule ({@code each}) against its loaded method: the element's type from the
 * parameter's declared generic type (or array component), the value type from the result's
 * ({@code List<Product>}: entries are {@code Product}s, the same entries a single-key rule with
 * the same key template reads), and the templates with {@code it} bound to the element or value.
 */
final class BatchCompiler {
    private BatchCompiler() {
    }

    static SiteHandler compile(Rule rule, MethodShape shape, Method method, TieredCache cache, SiteCounters counters,
                               long loadWaitNanos) throws CompileException {
        int each = BatchShape.eachIndex(rule, shape.parameterNames());
        Class<?> parameterType = method.getParameterTypes()[each];
        if (!parameterType.isArray() && !Collection.class.isAssignableFrom(parameterType)) {
            throw new CompileException("each names a parameter of type " + parameterType.getName()
                    + "; each needs a parameter holding a Collection (List, Set, ...) or an array").in("each");
        }
        Class<?> element = BatchShape.erasure(BatchShape.elementType(method.getGenericParameterTypes()[each], false));
        boolean isStatic = Modifier.isStatic(method.getModifiers());
        Class<?>[] parameterTypes = method.getParameterTypes();
        Class<?> owner = method.getDeclaringClass();
        ExpressionCompiler plain = new ExpressionCompiler(new CallSignature(shape.parameterNames(), parameterTypes, owner,
                isStatic, null));
        ExpressionCompiler withResult = new ExpressionCompiler(new CallSignature(shape.parameterNames(), parameterTypes, owner,
                isStatic, method.getReturnType()));
        ExpressionCompiler perElement = new ExpressionCompiler(BatchShape.signature(shape.parameterNames(), parameterTypes,
                owner, isStatic, null, element));
        Node when = rule.when() == null ? null : located("when", () -> plain.compile(rule.when().expr()));
        KeyTemplate key = located("key", () -> perElement.compile(rule.key() == null ? elementItself() : rule.key()));
        if (rule.action() == Action.CACHE) {
            BatchShape.ResultKind kind = BatchShape.resultKind(method.getReturnType().getName());
            Type valueType = BatchShape.elementType(method.getGenericReturnType(), kind == BatchShape.ResultKind.MAP);
            Class<?> valueClass = BatchShape.erasure(valueType);
            KeyTemplate resultKey = null;
            if (rule.resultKey() != null) {
                ExpressionCompiler perValue = new ExpressionCompiler(BatchShape.signature(shape.parameterNames(), parameterTypes,
                        owner, isStatic, null, valueClass));
                resultKey = located("resultKey", () -> perValue.compile(rule.resultKey()));
            }
            Node unless = rule.unless() == null ? null : located("unless", () -> withResult.compile(rule.unless().expr()));
            Reader reader = new Reader(new ValueType(valueType, owner.getClassLoader()), valueClass, true, counters,
                    loadWaitNanos);
            return new BatchHandler(cache, each, parameterType, key, resultKey, kind, when, unless, rule.ttl(), reader);
        }
        boolean put = rule.action() == Action.PUT;
        Node value = null;
        Node unless = null;
        if (put) {
            ExpressionCompiler valueCompiler = new ExpressionCompiler(BatchShape.signature(shape.parameterNames(), parameterTypes,
                    owner, isStatic, method.getReturnType(), element));
            value = rule.value() == null ? null : located("value", () -> SiteCompiler.valueNode(rule.value(), valueCompiler));
            unless = rule.unless() == null ? null : located("unless", () -> withResult.compile(rule.unless().expr()));
        }
        return new BatchWriteHandler(cache, each, key, value, put, when, unless, rule.before(), rule.ttl(), counters);
    }

    private static Template elementItself() throws CompileException {
        try {
            return ExpressionParser.parseTemplate("{" + BatchShape.ELEMENT + "}", false);
        } catch (ExpressionException e) {
            throw new CompileException(e.getMessage());
        }
    }

    private interface Compilation<T> {
        T run() throws CompileException;
    }

    private static <T> T located(String yamlKey, Compilation<T> compilation) throws CompileException {
        try {
            return compilation.run();
        } catch (CompileException e) {
            throw e.in(yamlKey);
        }
    }
}
