package bench.control;

import static net.bytebuddy.matcher.ElementMatchers.named;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * P4 control: the smallest useful Byte Buddy agent — one {@code named()} type matcher and one
 * inlined Advice on one method (by default {@code bench.app.PriceBook#price}). Its startup cost is the floor any Byte
 * Buddy based agent pays on this machine; cacheweaver's startup is judged against it too.
 */
public final class ControlAgent {
    private ControlAgent() {
    }

    /** {@code args}: {@code class#method} to weave, default {@code bench.app.PriceBook#price}. */
    public static void premain(String args, Instrumentation inst) {
        String target = args == null || args.isBlank() ? "bench.app.PriceBook#price" : args.trim();
        String type = target.substring(0, target.indexOf('#'));
        String method = target.substring(target.indexOf('#') + 1);
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .type(named(type))
                .transform((builder, typeDescription, loader, module, domain) ->
                        builder.visit(Advice.to(CountingAdvice.class).on(named(method))))
                .installOn(inst);
    }

    /** Inlined into the matched method: counts calls, nothing else. */
    public static final class CountingAdvice {
        public static long calls;

        private CountingAdvice() {
        }

        @Advice.OnMethodEnter
        static void enter() {
            calls++;
        }
    }
}
