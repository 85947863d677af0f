/*
 * Issue 17, Finding 1: how many Byte Buddy classes the two generated transformer subclasses cost
 * (ExecutingTransformer$ByteBuddy$ModuleSupport, Substitutable$ByteBuddy$ModuleSupport) against
 * what one Advice weave needs. Not part of the build; run as a source file:
 *
 *   BB=~/.m2/repository/net/bytebuddy/byte-buddy/1.18.14/byte-buddy-1.18.14.jar
 *   for m in weave factory weave+factory; do
 *     java -Xlog:class+load:file=$m.txt -cp $BB benchmarks/startup/ByteBuddyFactoryProbe.java $m
 *     echo "$m: $(grep -c net.bytebuddy $m.txt) Byte Buddy classes"
 *   done
 */
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.dynamic.scaffold.*;
import net.bytebuddy.implementation.Implementation;
import static net.bytebuddy.matcher.ElementMatchers.named;

public class ByteBuddyFactoryProbe {
    public static class Target { public Object one(Object a) { return a; } }
    public static class A {
        @Advice.OnMethodEnter static Object enter(@Advice.Argument(0) Object a) { return a; }
        @Advice.OnMethodExit static void exit(@Advice.Return(readOnly=false, typing=net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC) Object r) { r = r; }
    }
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        if (args[0].contains("weave")) {
            ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(ByteBuddyFactoryProbe.class.getClassLoader());
            TypePool pool = new TypePool.Default(new TypePool.CacheProvider.Simple(), locator, TypePool.Default.ReaderMode.EXTENDED);
            new ByteBuddy().with(TypeValidation.DISABLED).with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
                .with(Implementation.Context.Disabled.Factory.INSTANCE)
                .decorate(pool.describe(Target.class.getName()).resolve(), locator)
                .visit(Advice.to(A.class, locator).on(named("one"))).make().getBytes();
        }
        long t1 = System.nanoTime();
        if (args[0].contains("factory")) {
            Class.forName("net.bytebuddy.agent.builder.AgentBuilder$Default$ExecutingTransformer", true, ByteBuddyFactoryProbe.class.getClassLoader());
            Class.forName("net.bytebuddy.agent.builder.ResettableClassFileTransformer$WithDelegation$Substitutable", true, ByteBuddyFactoryProbe.class.getClassLoader());
        }
        long t2 = System.nanoTime();
        System.out.println(args[0] + " weave " + (t1 - t0) / 1000000 + " ms, factory " + (t2 - t1) / 1000000 + " ms");
    }
}
