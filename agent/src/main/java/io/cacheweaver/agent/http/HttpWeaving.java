package io.cacheweaver.agent.http;

import io.cacheweaver.bootstrap.HttpBridge;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.http.HttpLayer;
import io.cacheweaver.runtime.settings.AgentSettings;
import io.cacheweaver.runtime.settings.Settings;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the HTTP layer: installs it behind {@link HttpBridge}, and weaves the servlet API and the
 * JDK HTTP server once some rules file has {@code http:} rules (at startup or at a later reload).
 * Only three classes are ever woven: {@code javax.servlet.http.HttpServlet},
 * {@code jakarta.servlet.http.HttpServlet} and {@code com.sun.net.httpserver.Filter$Chain}, by
 * {@link LeanServerWeaving} (plain ASM: the HTTP layer never loads Byte Buddy's weaving).
 */
public final class HttpWeaving {
    private final Instrumentation inst;
    private final HttpLayer layer;
    private boolean woven; // guarded by this

    private HttpWeaving(Instrumentation inst, HttpLayer layer) {
        this.inst = inst;
        this.layer = layer;
    }

    /**
     * {@code inst}: where the transformer is registered; behind the startup gate, a
     * {@code GatedInstrumentation} that hands it to the gate, so that server classes held there see it.
     */
    public static HttpWeaving start(Instrumentation inst, RulesFile rules, AgentSettings settings) {
        HttpLayer layer = new HttpLayer(rules, settings.get(Settings.HTTP_ETAG_MAX_BYTES), settings.get(Settings.CDN_QUEUE),
                settings.get(Settings.CDN_RETRIES));
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
            // only now: an application without http: rules never loads the wrapper generator (nor ASM's ClassWriter)
            layer.useServletWrappers(new GeneratedServletWrappers());
            install(rules);
        } catch (Throwable t) {
            // the caches keep working: only the HTTP headers are lost
            AgentLog.error("http: could not instrument the HTTP servers: " + AgentLog.describe(t) + "; responses pass through untouched");
        }
    }

    private void install(RulesFile rules) {
        inst.addTransformer(LeanServerWeaving.forServers(inst), true);
        AgentLog.info("http: " + rules.http().rules().size() + " http rule(s); servlet containers and the JDK HTTP server are"
                + " instrumented as they load");
        // listed after the transformer is registered, so that no class loading meanwhile is missed; one
        // woven as it loaded and listed too is woven again from its original bytes, to the same result
        retransform(loadedServerClasses());
    }

    /** The server classes loaded already (a reload, an attach): what Byte Buddy's retransformation strategy found. */
    private List<Class<?>> loadedServerClasses() {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : inst.getAllLoadedClasses()) {
            if (ServerClasses.WOVEN.contains(type.getName()) && inst.isModifiableClass(type)) {
                loaded.add(type); // one per servlet API copy: each web application may have its own
            }
        }
        return loaded;
    }

    /** One class at a time: a class that cannot be retransformed leaves the others woven. */
    private void retransform(List<Class<?>> loaded) {
        for (Class<?> type : loaded) {
            try {
                inst.retransformClasses(type);
            } catch (Throwable t) {
                AgentLog.warn("http: could not instrument " + type.getName() + ": " + AgentLog.describe(t)
                        + "; its responses pass through untouched");
            }
        }
    }
}
