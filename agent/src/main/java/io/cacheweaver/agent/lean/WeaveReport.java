package io.cacheweaver.agent.lean;

import io.cacheweaver.rules.Rule;
import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.MethodShape;
import io.cacheweaver.runtime.expr.CompileException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What a weaver (Byte Buddy's or the lean one) tells the application's log: one line per woven
 * method, up to {@link #WOVEN_LINES_PER_RULE} per rule, and each problem once.
 */
public final class WeaveReport {
    private static final int WOVEN_LINES_PER_RULE = 10;

    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, AtomicInteger> wovenPerRule = new ConcurrentHashMap<>();
    private final Consumer<String> rejectedLine;

    /** {@code rejectedLine}: also gets each rejection's line (strict mode stops the JVM on one). */
    public WeaveReport(Consumer<String> rejectedLine) {
        this.rejectedLine = rejectedLine;
    }

    /**
     * One line per woven method, up to {@link #WOVEN_LINES_PER_RULE} per rule: a wildcard rule over
     * a large code base must not flood the application's log. The full list is always in JMX.
     */
    public void woven(Rule rule, MethodShape shape) {
        once("wove|" + rule.id() + "|" + shape.display(), () -> {
            int count = wovenPerRule.computeIfAbsent(rule.id(), id -> new AtomicInteger()).incrementAndGet();
            if (count <= WOVEN_LINES_PER_RULE) {
                AgentLog.info("rule " + rule.id() + ": " + describe(rule) + " on " + shape.display());
            } else if (count == WOVEN_LINES_PER_RULE + 1) {
                AgentLog.info("rule " + rule.id() + ": more methods woven; all of them are listed in JMX,"
                        + " io.cacheweaver:type=Rule,name=" + rule.id() + " WovenMethods");
            }
        });
    }

    /** The rule cannot apply to this method (its keys do not fit it): the method runs uncached. */
    public void rejected(Rule rule, MethodShape shape, CompileException e) {
        String line = "rule " + rule.id() + " (" + rule.position(e.yamlKey()) + "): cannot apply to "
                + shape.display() + ": " + e.getMessage();
        once("reject|" + rule.id() + "|" + shape.display(), () -> {
            AgentLog.error(line + "; the method runs uncached");
            rejectedLine.accept(line);
        });
    }

    /** Never fail silently: a class we meant to weave and could not is worth one line. */
    public void failed(String typeName, Throwable throwable) {
        once("error|" + typeName, () -> AgentLog.warn("could not weave " + typeName + ": "
                + AgentLog.describe(throwable) + "; it runs uncached"));
    }

    public void once(String topic, Runnable report) {
        if (reported.add(topic)) {
            report.run();
        }
    }

    static String describe(Rule rule) {
        String each = rule.isBatch() ? ", one key per element of " + rule.each() : "";
        return switch (rule.action()) {
            case CACHE -> "caches in \"" + rule.cache() + "\"" + each;
            case PUT -> "writes through to \"" + rule.cache() + "\"" + each;
            case EVICT -> rule.cache() == null ? "evicts tags " + rule.tags().stream().map(t -> t.text()).toList()
                    : (rule.allEntries() ? "clears \"" : "evicts from \"") + rule.cache() + "\""
                    + (rule.before() ? " before the call" : "") + each;
            case WRITE_BEHIND -> "writes behind to \"" + rule.cache() + "\" (the body runs later on an agent thread)";
        };
    }
}
