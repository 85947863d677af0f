package io.cacheweaver.agent.lean;

import io.cacheweaver.agent.paths.ClassFileTypes;
import io.cacheweaver.agent.paths.PropertyCheck;
import io.cacheweaver.agent.paths.TypeView;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.MethodShape;
import io.cacheweaver.runtime.SiteTable;
import io.cacheweaver.runtime.WeaveKey;
import io.cacheweaver.runtime.expr.CompileException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.ref.WeakReference;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Weaves classes as they load with plain ASM (Byte Buddy's copy, but none of Byte Buddy itself):
 * the same sites and the same effect as the Byte Buddy weaver, for the rules {@link LeanRules}
 * accepts, at a fraction of the start-up cost (≈ 40 ASM classes instead of ≈ 870 Byte Buddy
 * ones). A class it cannot weave — a class file it cannot read, any failure — goes to Byte Buddy, which then takes over all weaving ({@link Handoff}); so does a
 * reload that changes which methods are woven.
 */
public final class LeanWeaver implements ClassFileTransformer {
    /** Byte Buddy's weaver, built and installed on first need; {@code why} goes to the log. */
    public interface Handoff {
        ClassFileTransformer takeOver(String why);
    }

    private final SiteTable sites;
    private final List<Rule> rules;
    private final Handoff handoff;
    private final Predicate<String> neverWoven;
    private final WeaveReport report = new WeaveReport(line -> { });
    /** The bridges readable from a named module; a copy of each woven class under {@code net.bytebuddy.dump}. */
    private final WovenClasses finished;

    /**
     * {@code rules}: a file {@link LeanRules#whyNot} accepts; {@code neverWoven}: the class names no rule may
     * weave (the JDK's, the agent's own).
     */
    public LeanWeaver(SiteTable sites, List<Rule> rules, Predicate<String> neverWoven, Instrumentation inst, Handoff handoff) {
        this.sites = sites;
        this.rules = List.copyOf(rules);
        this.neverWoven = neverWoven;
        this.handoff = handoff;
        this.finished = WovenClasses.withDumpProperty(inst);
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        return transform(null, loader, internalName, redefined, domain, bytes);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) {
        if (internalName == null) {
            return null;
        }
        String className = internalName.replace('/', '.');
        if (neverWoven.test(className)) {
            return null;
        }
        List<Rule> named = new ArrayList<>(1);
        for (Rule rule : rules) {
            if (rule.method().classRegex().matcher(className).matches()) {
                named.add(rule);
            }
        }
        if (named.isEmpty()) {
            return null;
        }
        try {
            return weave(module, loader, className, bytes, named);
        } catch (Throwable t) {
            String why = "the lean weaver failed on it (" + AgentLog.describe(t) + ")";
            try {
                ClassFileTransformer byteBuddy = handoff.takeOver(className + ": " + why);
                return module == null ? byteBuddy.transform(loader, internalName, redefined, domain, bytes)
                        : byteBuddy.transform(module, loader, internalName, redefined, domain, bytes);
            } catch (Throwable failed) {
                report.failed(className, failed);
                return null;
            }
        }
    }

    private byte[] weave(Module module, ClassLoader loader, String className, byte[] bytes, List<Rule> named) {
        ClassReader reader = new ClassReader(bytes);
        MethodScan scan = new MethodScan(named);
        reader.accept(scan, ClassReader.SKIP_FRAMES);
        if ((scan.access & Opcodes.ACC_SYNTHETIC) != 0) {
            return null;
        }
        for (Rule rule : named) {
            if (AgentLog.isDebug()) {
                AgentLog.debug("rule " + rule.id() + ": class " + className + " matches " + rule.method().text());
            }
        }
        List<Planned> plan = new ArrayList<>();
        for (MethodScan.Candidate method : scan.candidates) {
            List<Rule> rules = rulesFor(method, className, named);
            if (!rules.isEmpty()) {
                MethodShape shape = shapeOf(className, method, loader);
                for (Rule rule : rules) {
                    plan.add(new Planned(rule, method, shape));
                }
            }
        }
        ClassFileTypes types = new ClassFileTypes(loader); // read only if a rule has a property path to check
        List<WovenSite> woven = register(plan, types, types.define(className, bytes));
        if (woven.isEmpty()) {
            return null;
        }
        Map<String, List<Weave>> weaves = new HashMap<>();
        for (WovenSite site : woven) {
            weaves.computeIfAbsent(site.planned.method.name + site.planned.method.descriptor, method -> new ArrayList<>(1))
                    .add(site.weave);
        }
        byte[] result = rewrite(reader, className.replace('.', '/'), weaves);
        finished.woven(module, className, result);
        for (WovenSite site : woven) {
            if (AgentLog.isDebug()) {
                AgentLog.debug("rule " + site.planned.rule.id() + ": wove " + site.planned.shape.display() + " as site "
                        + site.weave.site);
            }
            report.woven(site.planned.rule, site.planned.shape);
        }
        return result;
    }

    /**
     * The second pass: {@code weaves} by method name and descriptor, in rule order; every other
     * method is copied as it is. Several rules on one method nest as Byte Buddy's advice does: the
     * first rule's code is outermost (it enters first and exits last), so each later rule's
     * {@link WovenMethod} sees the code of the ones before it as the method's own.
     */
    private static byte[] rewrite(ClassReader reader, String owner, Map<String, List<Weave>> weaves) {
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean frames = reader.readUnsignedShort(6) >= Opcodes.V1_6;
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor woven = super.visitMethod(access, name, descriptor, signature, exceptions);
                for (Weave weave : weaves.getOrDefault(name + descriptor, List.of())) {
                    woven = WovenMethod.of(woven, weave.site, weave.skipsBody, weave.replacesArguments, access, owner,
                            descriptor, frames);
                }
                return woven;
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    /**
     * Weaves {@link Rehearsal} (bytes thrown away), so that the ASM classes are loaded and their
     * code has run once before the first application class waits for them: called on a thread of
     * the agent's own while premain reads the rules. Returns the woven bytes, for tests.
     */
    public static byte[] rehearse() throws IOException {
        byte[] bytes;
        try (InputStream in = LeanWeaver.class.getResourceAsStream("Rehearsal.class")) {
            bytes = in.readAllBytes();
        }
        ClassReader reader = new ClassReader(bytes);
        reader.accept(new MethodScan(List.of()), ClassReader.SKIP_FRAMES);
        return rewrite(reader, reader.getClassName(), Map.of("find(JLjava/lang/String;)Ljava/lang/Object;",
                List.of(new Weave(0, true, false)), "forget(I)V", List.of(new Weave(1, false, false))));
    }

    /** The rules that weave {@code method}, in the file's order (a put and an evict rule, say). */
    private static List<Rule> rulesFor(MethodScan.Candidate method, String className, List<Rule> named) {
        List<Rule> weaving = new ArrayList<>(1);
        for (Rule rule : named) {
            if (!rule.method().methodRegex().matcher(method.name).matches()) {
                continue;
            }
            if (!rule.method().matchesParameters(method.parameterTypes())) {
                AgentLog.debug(() -> "rule " + rule.id() + ": skipped " + method.display(className)
                        + ": the parameters do not match " + rule.method().text());
            } else if (!method.isWeavable()) {
                AgentLog.debug(() -> "rule " + rule.id() + ": skipped " + method.display(className)
                        + ": constructors, abstract, native, bridge and synthetic methods are never woven");
            } else {
                weaving.add(rule);
            }
        }
        return weaving;
    }

    /**
     * The property paths checked and the sites registered, in rule order: a rule that cannot apply
     * to a method (a second cache rule, say) leaves it to the others.
     */
    private List<WovenSite> register(List<Planned> plan, ClassFileTypes types, TypeView owner) {
        List<WovenSite> woven = new ArrayList<>(plan.size());
        for (Planned planned : plan) {
            try {
                if (planned.rule.isBatch()) {
                    planned.method.checkBatch(planned.rule, types, owner); // templates also see the element, {it}
                } else {
                    PropertyCheck.check(planned.rule, root -> planned.method.rootType(root, types, owner));
                }
                int id = sites.register(planned.rule, planned.shape);
                WeaveKey key = WeaveKey.of(planned.rule);
                woven.add(new WovenSite(new Weave(id, key.skipsBody(), key.replacesArguments()), planned));
            } catch (CompileException e) {
                report.rejected(planned.rule, planned.shape, e);
            }
        }
        return woven;
    }

    private static MethodShape shapeOf(String className, MethodScan.Candidate method, ClassLoader loader) {
        return new MethodShape(className, method.name, method.descriptor, method.parameterNames(), method.parameterTypes(),
                Type.getReturnType(method.descriptor).getClassName(), method.isStatic(), new WeakReference<>(loader));
    }

    private record Planned(Rule rule, MethodScan.Candidate method, MethodShape shape) {
    }

    private record WovenSite(Weave weave, Planned planned) {
    }

    /** How one method is woven: its site, whether a hit may skip its body, whether a batch may replace its arguments. */
    private record Weave(int site, boolean skipsBody, boolean replacesArguments) {
    }
}
