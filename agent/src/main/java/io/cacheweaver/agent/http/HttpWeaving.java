package io.cacheweaver.agent.http;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.cacheweaver.bootstrap.HttpBridge;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.http.HttpLayer;
import io.cacheweaver.runtime.settings.AgentSettings;
import io.cacheweaver.runtime.settings.Settings;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * Starts the HTTP layer: installs it behind {@link HttpBridge}, and weaves the servlet API and the
 * JDK HTTP server once some rules file has {@code http:} rules (at startup or at a later reload).
 * Only three classes are ever woven: {@code javax.servlet.http.HttpServlet},
 * {@code jakarta.servlet.http.HttpServlet} and {@code com.sun.net.httpserver.Filter$Chain}.
 */
public final class HttpWeaving {
    private static final String[] SERVLET_NAMESPACES = {"javax", "jakarta"};

    private final Instrumentation inst;
    private final HttpLayer layer;
    private boolean woven; // guarded by this

    private HttpWeaving(Instrumentation inst, HttpLayer layer) {
        this.inst = inst;
        this.layer = layer;
    }

    public static HttpWeaving start(Instrumentation inst, RulesFile rules, AgentSettings settings) {
        HttpLayer layer = new HttpLayer(rules, settings.get(Settings.HTTP_ETAG_MAX_BYTES), settings.get(Settings.CDN_QUEUE),
                settings.get(Settings.CDN_RETRIES));
        layer.useServletWrappers(new GeneratedServletWrappers());
        HttpLayer.install(layer);
        HttpBridge.install(layer);
        HttpWeaving weaving = new HttpWeaving(inst, layer);
        weaving.weaveIfNeeded(rules);
        if (rules.http().purge() != null) {
            AgentLog.info("cdn purge: invalidations are sent to " + rules.http().purge().redactedUrl());
        }
        return weaving;
    }

    /** A reload: the layer takes the new rules; the first {@code http:} rules ever seen start the weaving. */
    public void reload(RulesFile rules) {
        layer.reload(rules);
        weaveIfNeeded(rules);
    }

    private synchronized void weaveIfNeeded(RulesFile rules) {
        if (woven || rules.http().rules().isEmpty()) {
            return;
        }
        woven = true;
        try {
            install(rules);
        } catch (Throwable t) {
            // the caches keep working: only the HTTP headers are lost
            AgentLog.error("http: could not instrument the HTTP servers: " + AgentLog.describe(t) + "; responses pass through untouched");
        }
    }

    private void install(RulesFile rules) {
        ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(HttpWeaving.class.getClassLoader());
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(new Failures())
                // the default ignores the JDK's own loaders, where com.sun.net.httpserver lives
                .ignore(nameStartsWith("net.bytebuddy.").or(nameStartsWith("io.cacheweaver.")));
        for (String ns : SERVLET_NAMESPACES) {
            builder = builder.type(named(ns + ".servlet.http.HttpServlet"))
                    .transform((b, type, loader, module, domain) -> b.visit(Advice.to(ServletAdvice.class, locator)
                            .on(named("service").and(takesArguments(2))
                                    .and(takesArgument(0, named(ns + ".servlet.ServletRequest")))
                                    .and(takesArgument(1, named(ns + ".servlet.ServletResponse"))))));
        }
        builder = builder.type(named(ServerClasses.JDK_CHAIN))
                .transform((b, type, loader, module, domain) -> b.visit(Advice.to(JdkChainAdvice.class, locator)
                        .on(named("doFilter").and(takesArguments(1)))));
        builder.assureReadEdgeTo(inst, HttpBridge.class).installOn(inst);
        AgentLog.info("http: " + rules.http().rules().size() + " http rule(s); servlet containers and the JDK HTTP server are"
                + " instrumented as they load");
    }

    /** Never fail silently: a server class we meant to weave and could not is worth one line. */
    private static final class Failures extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
            AgentLog.warn("http: could not instrument " + typeName + ": " + AgentLog.describe(throwable)
                    + "; its responses pass through untouched");
        }

        @Override
        public void onTransformation(net.bytebuddy.description.type.TypeDescription type, ClassLoader classLoader,
                                     JavaModule module, boolean loaded, net.bytebuddy.dynamic.DynamicType dynamicType) {
            AgentLog.debug(() -> "http: instrumented " + type.getName());
        }
    }
}
