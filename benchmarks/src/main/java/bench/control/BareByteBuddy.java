package bench.control;

import static net.bytebuddy.matcher.ElementMatchers.named;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/** One {@code named()} type matcher and one inlined Advice on one method: nothing of cacheweaver. */
final class BareByteBuddy {
    private BareByteBuddy() {
    }

    static void install(String type, String method, Instrumentation inst) {
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
