package io.cacheweaver.agent;

import io.cacheweaver.agent.paths.PropertyCheck;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.expr.Expr;
import io.cacheweaver.runtime.expr.CompileException;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * {@link PropertyCheck} when Byte Buddy weaves: the roots' types from Byte Buddy's descriptions
 * of the woven class and method (its type pool reads class files; no class is loaded).
 */
final class PropertyPaths {
    private PropertyPaths() {
    }

    static void check(Rule rule, TypeDescription owner, MethodDescription method) throws CompileException {
        if (rule.isBatch()) {
            BatchPaths.check(rule, owner, method); // templates also see the element, {it}
            return;
        }
        PropertyCheck.check(rule, root -> ByteBuddyType.of(rootType(root, owner, method)));
    }

    static void check(Expr.Path path, TypeDescription owner, MethodDescription method) throws CompileException {
        check(path, rootType(path.root(), owner, method));
    }

    /** Checks the steps of {@code path} from {@code root}, the static type its root has ({@code null}: unknown). */
    static void check(Expr.Path path, TypeDefinition root) throws CompileException {
        PropertyCheck.check(path, ByteBuddyType.of(root));
    }

    /** The static type a path starts from; {@code null} when it cannot be known here (the runtime reports bad roots). */
    private static TypeDefinition rootType(Expr.Root root, TypeDescription owner, MethodDescription method) {
        if (root instanceof Expr.This) {
            return owner;
        }
        if (root instanceof Expr.Result) {
            TypeDescription returned = method.getReturnType().asErasure();
            boolean future = returned.getName().equals("java.util.concurrent.CompletableFuture")
                    || returned.getName().equals("java.util.concurrent.CompletionStage");
            return future ? null : returned; // for futures, result is the completed value: checked at first call
        }
        int index = -1;
        if (root instanceof Expr.Argument argument) {
            index = argument.index();
        } else if (root instanceof Expr.Parameter parameter) {
            for (int i = 0; i < method.getParameters().size(); i++) {
                if (method.getParameters().get(i).isNamed() && method.getParameters().get(i).getName().equals(parameter.name())) {
                    index = i;
                }
            }
        }
        return index >= 0 && index < method.getParameters().size() ? method.getParameters().get(index).getType().asErasure() : null;
    }
}
