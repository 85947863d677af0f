package io.cacheweaver.agent.lean;

import io.cacheweaver.bootstrap.CacheBridge;
import io.cacheweaver.runtime.AgentLog;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * What every class the agent rewrites with ASM gets once its bytes are written: its module may
 * read the bridges, and a copy goes to Byte Buddy's diagnostic directory when
 * {@code net.bytebuddy.dump} is set (the lean weaver and the HTTP layer's both honour it).
 */
public final class WovenClasses {
    /** The boot loader's unnamed module, where every bridge class ({@code CacheBridge}, {@code HttpBridge}) lives. */
    private static final Module BRIDGES = CacheBridge.class.getModule();

    private final Instrumentation inst;
    private final String dump;

    /** {@code inst}: only to let a named module read the bridges (null in tests of unnamed classes); {@code dump}: a directory, or null. */
    public WovenClasses(Instrumentation inst, String dump) {
        this.inst = inst;
        this.dump = dump;
    }

    /** Honours {@code net.bytebuddy.dump} as set now. */
    public static WovenClasses withDumpProperty(Instrumentation inst) {
        return new WovenClasses(inst, System.getProperty("net.bytebuddy.dump"));
    }

    /** Called with a class's woven bytes, before they are handed back to the JVM. */
    public void woven(Module module, String className, byte[] bytes) {
        if (module != null && module.isNamed() && !module.canRead(BRIDGES)) {
            inst.redefineModule(module, Set.of(BRIDGES), Map.of(), Map.of(), Set.of(), Map.of());
        }
        if (dump != null) {
            try {
                Files.write(Path.of(dump, className + ".lean.class"), bytes);
            } catch (IOException | RuntimeException e) {
                AgentLog.debug("could not write " + className + " to net.bytebuddy.dump=" + dump + ": " + AgentLog.describe(e));
            }
        }
    }
}
