package io.cacheweaver.agent;

import static net.bytebuddy.matcher.ElementMatchers.hasDescriptor;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.cacheweaver.agent.advice.BatchAdvice;
import io.cacheweaver.agent.advice.CacheAdvice;
import io.cacheweaver.agent.advice.CacheAdvice1;
import io.cacheweaver.agent.advice.CacheAdvice2;
import io.cacheweaver.agent.advice.CacheAdvice2L;
import io.cacheweaver.agent.advice.CacheAdvice3;
import io.cacheweaver.agent.advice.CacheAdvice3L;
import io.cacheweaver.agent.advice.CacheExit;
import io.cacheweaver.agent.advice.ObserveAdvice;
import io.cacheweaver.agent.advice.SiteId;
import io.cacheweaver.agent.lean.WeaveReport;
import io.cacheweaver.bootstrap.CacheBridge;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.MethodShape;
import io.cacheweaver.runtime.SiteTable;
import io.cacheweaver.runtime.WeaveKey;
import io.cacheweaver.runtime.expr.CompileException;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the class file transformer: finds the methods the rules name, registers each as a
 * site in the {@link SiteTable} and inlines the matching advice with the site id as a constant.
 * Only classes some rule names are transformed; everything else is left byte-for-byte alone.
 */
final class Weaver {
    // names only: a modifier check here would make Byte Buddy parse every class the application loads
    private static final ElementMatcher.Junction<TypeDescription> NEVER_WEAVE = NeverWeave.matcher();

    private final SiteTable sites;
    private final List<RuleTarget> targets;
    private final ClassFileLocator adviceLocator = ClassFileLocator.ForClassLoader.of(Weaver.class.getClassLoader());
    private final WeaveReport report;

    Weaver(SiteTable sites, List<Rule> rules, StrictMode strict) {
        this.sites = sites;
        this.report = new WeaveReport(strict::stopSoon);
        List<RuleTarget> compiled = new ArrayList<>();
        for (Rule rule : rules) {
            compiled.add(new RuleTarget(rule));
        }
        this.targets = List.copyOf(compiled);
    }

    /** The first installation: weaves classes as they load, and retransforms the matching ones already loaded. */
    ResettableClassFileTransformer install(Instrumentation inst) {
        withoutNexus();
        return builder(new LoadedCandidates(targets)).assureReadEdgeTo(inst, CacheBridge.class).installOn(inst);
    }

    /**
     * Byte Buddy takes over from the lean weaver: installed as by {@link #install}, except that no
     * class already loaded is retransformed. What the lean weaver wove stays as it is (the same
     * sites, the same effect); a later reload's {@link #patch} retransforms what it changes.
     */
    ResettableClassFileTransformer takeOver(Instrumentation inst) {
        withoutNexus();
        return builder(instrumentation -> List.of()).assureReadEdgeTo(inst, CacheBridge.class).installOn(inst);
    }

    /** The same transformer, not installed: for applying to class bytes directly (the weaver's unit tests). */
    java.lang.instrument.ClassFileTransformer transformer() {
        return builder(AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.SinglePass.INSTANCE).makeRaw();
    }

    /**
     * Byte Buddy's Nexus (class injection for live initializers, which this agent never uses)
     * probes {@code sun.misc.Unsafe} when first touched, and JDK 24+ prints a four-line warning
     * on the application's stderr for that. Disabling it is read once, when our (isolated) copy
     * of {@code NexusAccessor} initializes, so the property is set only while that happens and
     * then restored: the application's own Byte Buddy, if any, must not see our setting.
     */
    static synchronized void withoutNexus() {
        String property = "net.bytebuddy.nexus.disabled";
        String previous = System.getProperty(property);
        System.setProperty(property, "true");
        try {
            Class.forName("net.bytebuddy.dynamic.NexusAccessor", true, Weaver.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            AgentLog.debug("could not pre-initialize NexusAccessor: " + AgentLog.describe(e));
        } finally {
            if (previous == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, previous);
            }
        }
    }

    /**
     * Makes {@code installed} weave this Weaver's rules from now on. Byte Buddy's differential
     * matcher retransforms only the classes whose list of rule transformers changed (see
     * {@link RuleTransformer#equals}); SUBSTITUTE swaps the delegate inside {@code installed}
     * atomically, so no class is ever woven twice nor left without its advice during the swap.
     *
     * <p>{@code installed} must be what {@link #install} returned, on every reload: that wrapper
     * is the one registered with the JVM. What patchOn returns is an unregistered wrapper of the
     * new rules; patching that one on the next reload changed nothing the JVM calls, and the
     * retransformed classes came back woven with the old rules (issues 10 and 11).
     */
    void patch(Instrumentation inst, ResettableClassFileTransformer installed) {
        // every loaded class is considered here: the differential matcher must also see classes
        // only the previous rules matched, to take their advice out
        builder(AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.SinglePass.INSTANCE)
                .assureReadEdgeTo(inst, CacheBridge.class)
                .patchOn(inst, installed, AgentBuilder.PatchMode.SUBSTITUTE);
    }

    private AgentBuilder builder(AgentBuilder.RedefinitionStrategy.DiscoveryStrategy discovery) {
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION) // also weaves classes loaded before an attach
                .with(discovery)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.PoolStrategy.Default.EXTENDED) // reads debug info: parameter names without -parameters
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY) // never loads a class while matching
                .with(AgentBuilder.TransformerDecorator.ForSubstitution.INSTANCE) // lets a reload patch with SUBSTITUTE
                .with(new FailureListener())
                .ignore(NEVER_WEAVE);
        for (RuleTarget target : targets) {
            // the name first: synthetic classes are told apart only once a rule's pattern matched
            builder = builder.type(type -> target.matchesType(type) && !type.isSynthetic()).transform(new RuleTransformer(target));
        }
        return builder;
    }

    /**
     * Weaves one rule into a class. Equal to another instance with the same {@link WeaveKey},
     * whatever Weaver made it: that equality is how patchOn tells unchanged classes.
     */
    private final class RuleTransformer implements AgentBuilder.Transformer {
        private final RuleTarget target;
        private final WeaveKey key;

        RuleTransformer(RuleTarget target) {
            this.target = target;
            this.key = WeaveKey.of(target.rule);
        }

        @Override
        public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
                                                JavaModule module, ProtectionDomain domain) {
            return weave(builder, type, loader, target);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RuleTransformer that && that.key.equals(key);
        }

        @Override
        public int hashCode() {
            return key.hashCode();
        }
    }

    private DynamicType.Builder<?> weave(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
                                         RuleTarget target) {
        AgentLog.debug(() -> "rule " + target.rule.id() + ": class " + type.getName() + " matches " + target.rule.method().text());
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            if (!target.matchesMethod(method)) {
                AgentLog.debug(() -> RuleTarget.whyNot(target, method)); // null unless only the parameters differ
                continue;
            }
            if (!RuleTarget.isWeavable(method)) {
                AgentLog.debug(() -> "rule " + target.rule.id() + ": skipped " + type.getName() + "#" + method.getName()
                        + ": constructors, abstract, native, bridge and synthetic methods are never woven");
                continue;
            }
            MethodShape shape = RuleTarget.shapeOf(type, method, loader);
            int site;
            try {
                PropertyPaths.check(target.rule, type, method);
                site = sites.register(target.rule, shape);
            } catch (CompileException e) {
                report.rejected(target.rule, shape, e);
                continue;
            }
            AgentLog.debug(() -> "rule " + target.rule.id() + ": weaving " + shape.display() + " as site " + site);
            builder = builder.visit(advice(WeaveKey.of(target.rule), method, site)
                    .on(named(method.getName()).and(hasDescriptor(method.getDescriptor()))));
            report.woven(target.rule, shape);
        }
        return builder;
    }

    /**
     * Skipping the body: cache and write-behind, whose enter may return a CacheHit (for a void method
     * its value is ignored); replacing arguments: batch cache rules.
     */
    private Advice advice(WeaveKey key, MethodDescription method, int site) {
        Advice.WithCustomMapping mapping = Advice.withCustomMapping().bind(SiteId.class, site);
        if (!key.skipsBody()) {
            return mapping.to(ObserveAdvice.class, adviceLocator);
        }
        Class<?> enter = key.replacesArguments() ? BatchAdvice.class // runs the body with only the missing elements
                : cacheAdvice(method);
        return mapping.to(enter, CacheExit.class, adviceLocator);
    }

    /**
     * Up to three parameters, the arguments are passed one by one: no argument array on a hit; a
     * {@code long} first one of two or three (an id) even unboxed. Only {@code long} exactly: an
     * {@code int} widened to {@code long} would reach the rule's expressions as a {@code Long}.
     */
    private static Class<?> cacheAdvice(MethodDescription method) {
        boolean longFirst = !method.getParameters().isEmpty()
                && method.getParameters().get(0).getType().represents(long.class);
        return switch (method.getParameters().size()) {
            case 1 -> CacheAdvice1.class;
            case 2 -> longFirst ? CacheAdvice2L.class : CacheAdvice2.class;
            case 3 -> longFirst ? CacheAdvice3L.class : CacheAdvice3.class;
            default -> CacheAdvice.class;
        };
    }

    /** Never fail silently: a class we meant to weave and could not is worth one line. */
    private final class FailureListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
            report.failed(typeName, throwable);
        }
    }
}
