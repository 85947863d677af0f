package bench.control;

import java.lang.instrument.Instrumentation;

/**
 * P4 controls. With {@code none}: an agent whose premain returns at once, the floor any
 * {@code -javaagent} costs (the JVM opens the jar and resolves {@code java.instrument}). Otherwise
 * the smallest useful Byte Buddy agent ({@link BareByteBuddy}): the floor any Byte Buddy based
 * agent pays on this machine; cacheweaver's startup is judged against both.
 */
public final class ControlAgent {
    private ControlAgent() {
    }

    /** {@code args}: {@code none}, or {@code class#method} to weave (default {@code bench.app.PriceBook#price}). */
    public static void premain(String args, Instrumentation inst) {
        if ("none".equals(args)) {
            return; // not one Byte Buddy class is loaded
        }
        String target = args == null || args.isBlank() ? "bench.app.PriceBook#price" : args.trim();
        BareByteBuddy.install(target.substring(0, target.indexOf('#')), target.substring(target.indexOf('#') + 1), inst);
    }
}
