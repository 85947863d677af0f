package io.cacheweaver.runtime;

import io.cacheweaver.rules.Action;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.expr.Template;
import io.cacheweaver.runtime.expr.CallSignature;
import io.cacheweaver.runtime.expr.CompileException;
import io.cacheweaver.runtime.expr.ExpressionCompiler;
import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.expr.Node;
import io.cacheweaver.runtime.remote.ValueType;
import java.lang.invoke.MethodType;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;

/** Binds a rule to one woven method: checks it fits, and compiles its expressions into a handler. */
final class SiteCompiler {
    /** Result types whose instances are not values: caching them would hand out spent or shared state. */
    private static final Set<String> UNCACHEABLE = Set.of(
            "java.util.concurrent.Future", "java.util.stream.Stream", "java.util.Iterator",
            "java.util.stream.IntStream", "java.util.stream.LongStream", "java.util.stream.DoubleStream",
            "java.io.InputStream", "java.io.Reader", "org.reactivestreams.Publisher");

    private SiteCompiler() {
    }

    /** Checks what can be checked from names alone, when the method is woven (its class is not loaded yet). */
    static void checkShape(Rule rule, MethodShape shape) throws CompileException {
        if (rule.isBatch()) {
            BatchShape.check(rule, shape); // templates see the element as {it}
            return;
        }
        if (rule.action() == Action.CACHE && shape.returnsVoid()) {
            throw new CompileException("action cache needs a method that returns a value; " + shape.display() + " returns void");
        }
        if (rule.action() == Action.WRITE_BEHIND && !shape.returnsVoid()) {
            throw new CompileException("action write-behind needs a void method (the caller gets no result); "
                    + shape.display() + " returns " + shape.returnType());
        }
        if (rule.action() == Action.CACHE && UNCACHEABLE.contains(shape.returnType())) {
            throw new CompileException("action cache cannot cache a " + shape.returnType() + " result of " + shape.display());
        }
        ExpressionCompiler names = new ExpressionCompiler(new CallSignature(shape.parameterNames(), null, null,
                shape.isStatic(), null));
        ExpressionCompiler withResult = new ExpressionCompiler(new CallSignature(shape.parameterNames(), null, null,
                shape.isStatic(), Object.class));
        if (rule.key() != null) {
            located("key", () -> names.checkRoots(rule.key()));
        }
        if (rule.when() != null) {
            located("when", () -> names.checkRoots(rule.when().expr()));
        }
        if (rule.unless() != null) {
            located("unless", () -> withResult.checkRoots(rule.unless().expr()));
        }
        if (rule.value() != null) {
            located("value", () -> withResult.checkRoots(rule.value()));
        }
        for (io.cacheweaver.rules.expr.Expr.Path path : rule.paths("tags")) {
            located("tags", () -> withResult.checkRoots(path));
        }
        for (Template path : rule.purge()) {
            located("purge", () -> names.checkRoots(path));
        }
    }

    private interface Check {
        void run() throws CompileException;
    }

    /** Tags a problem with the rule's YAML key, so that messages point at that line of the file. */
    private static void located(String yamlKey, Check check) throws CompileException {
        try {
            check.run();
        } catch (CompileException e) {
            throw e.in(yamlKey);
        }
    }

    static SiteHandler compile(Rule rule, MethodShape shape, TieredCache cache, SiteCounters counters, long loadWaitNanos)
            throws CompileException {
        checkShape(rule, shape);
        Method method = resolve(shape);
        if (rule.isBatch()) {
            return BatchCompiler.compile(rule, shape, method, cache, counters, loadWaitNanos);
        }
        CallSignature plain = new CallSignature(shape.parameterNames(), method.getParameterTypes(), method.getDeclaringClass(),
                Modifier.isStatic(method.getModifiers()), null);
        CallSignature withResult = new CallSignature(shape.parameterNames(), method.getParameterTypes(),
                method.getDeclaringClass(), Modifier.isStatic(method.getModifiers()), method.getReturnType());
        ExpressionCompiler compiler = new ExpressionCompiler(plain);
        ExpressionCompiler resultCompiler = new ExpressionCompiler(withResult);
        Node when = rule.when() == null ? null : compiler.compile(rule.when().expr());
        KeyTemplate key = rule.key() == null ? compiler.allArguments() : compiler.compile(rule.key());
        switch (rule.action()) {
            case CACHE -> {
                if (isAsync(method.getReturnType())) {
                    if (rule.shadow()) {
                        AgentLog.warn("rule " + rule.id() + ": mode: shadow is not supported for methods returning a future;"
                                + " " + shape.display() + " runs uncached");
                        return SiteHandler.PASS_THROUGH;
                    }
                    Type valueType = futureValueType(method.getGenericReturnType());
                    CallSignature asyncResult = new CallSignature(shape.parameterNames(), method.getParameterTypes(),
                            method.getDeclaringClass(), Modifier.isStatic(method.getModifiers()), erasure(valueType));
                    Node unless = rule.unless() == null ? null : new ExpressionCompiler(asyncResult).compile(rule.unless().expr());
                    Reader reader = new Reader(new ValueType(valueType, method.getDeclaringClass().getClassLoader()),
                            Types.boxed(erasure(valueType)), true, counters, loadWaitNanos);
                    return new AsyncCacheAsideHandler(cache, key, when, unless, rule.ttl(), reader);
                }
                Node unless = rule.unless() == null ? null : resultCompiler.compile(rule.unless().expr());
                Class<?> returnType = method.getReturnType();
                Reader reader = new Reader(new ValueType(method.getGenericReturnType(), method.getDeclaringClass().getClassLoader()),
                        Types.boxed(returnType), !returnType.isPrimitive(), counters, loadWaitNanos);
                if (rule.shadow()) {
                    return new ShadowHandler(rule.id(), cache, key, when, unless, rule.ttl(), reader);
                }
                return new CacheAsideHandler(cache, key, when, unless, rule.ttl(), reader, revalidation(rule, method, cache, reader));
            }
            case PUT -> {
                Node unless = rule.unless() == null ? null : resultCompiler.compile(rule.unless().expr());
                Node value = rule.value() == null ? null : valueNode(rule.value(), resultCompiler);
                return new PutHandler(cache, key, value, when, unless, rule.ttl(), counters);
            }
            case WRITE_BEHIND -> {
                Node value = rule.value() == null ? null : valueNode(rule.value(), resultCompiler);
                return new WriteBehindHandler(cache, key, value, when, rule.ttl(), counters, rule.writeBehind(),
                        invoker(rule, method, "its writes run on the caller's thread, as with put"));
            }
            default -> {
                return new EvictHandler(cache, rule.allEntries() ? null : key, when, rule.before(), counters,
                        PurgePaths.compile(rule.purge(), compiler));
            }
        }
    }

    /** What a site does with aged entries, when its cache has freshness settings; {@code null} otherwise. */
    private static Revalidation revalidation(Rule rule, Method method, TieredCache cache, Reader reader) {
        if (!cache.spec().freshness().ages()) {
            return null;
        }
        return new Revalidation(cache, reader, invoker(rule, method, "it is refreshed only by callers"));
    }

    /** What calls {@code method} again from an agent thread, or {@code null} (said once, with what happens instead). */
    private static Invoker invoker(Rule rule, Method method, String instead) {
        Invoker invoker = Invoker.of(method);
        if (invoker == null) {
            AgentLog.warn("rule " + rule.id() + ": " + method.getDeclaringClass().getName() + "#" + method.getName()
                    + " cannot be called from an agent thread (its module is not open); " + instead);
        }
        return invoker;
    }

    private static boolean isAsync(Class<?> returnType) {
        return returnType == CompletableFuture.class || returnType == CompletionStage.class;
    }

    /** {@code T} of {@code CompletableFuture<T>}; {@code Object} when raw or a wildcard. */
    private static Type futureValueType(Type futureType) {
        if (futureType instanceof ParameterizedType parameterized) {
            Type argument = parameterized.getActualTypeArguments()[0];
            return argument instanceof WildcardType || argument instanceof TypeVariable<?> ? Object.class : argument;
        }
        return Object.class;
    }

    private static Class<?> erasure(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        if (type instanceof GenericArrayType) {
            return Object[].class;
        }
        return Object.class;
    }

    /** {@code "{product}"} stores the object itself; a template with text stores the rendered text. */
    static Node valueNode(Template template, ExpressionCompiler compiler) throws CompileException {
        if (template.isSinglePlaceholder()) {
            return compiler.compile(((Template.Placeholder) template.parts().get(0)).path());
        }
        List<Template.Part> parts = template.parts();
        Object[] compiled = new Object[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            compiled[i] = parts.get(i) instanceof Template.Text text ? text.text()
                    : compiler.compile(((Template.Placeholder) parts.get(i)).path());
        }
        return (self, args, result) -> {
            StringBuilder out = new StringBuilder();
            for (Object part : compiled) {
                out.append(part instanceof Node node ? node.eval(self, args, result) : part);
            }
            return out.toString();
        };
    }

    static Method resolve(MethodShape shape) throws CompileException {
        ClassLoader loader = shape.loader() == null ? null : shape.loader().get();
        try {
            Class<?> owner = Class.forName(shape.declaringClass(), false, loader);
            for (Method m : owner.getDeclaredMethods()) {
                if (m.getName().equals(shape.name())
                        && MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString()
                        .equals(shape.descriptor())) {
                    return m;
                }
            }
            throw new CompileException("method " + shape.display() + " not found in the loaded class");
        } catch (ClassNotFoundException | LinkageError e) {
            throw new CompileException("cannot load " + shape.declaringClass() + ": " + e);
        }
    }
}
