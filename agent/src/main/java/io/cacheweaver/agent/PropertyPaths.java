package io.cacheweaver.agent;

import io.cacheweaver.agent.paths.PropertyCheck;
import io.cacheweaver.agent.paths.TypeView;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.expr.Expr;
import io.cacheweaver.runtime.expr.CompileException;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
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
        PropertyCheck.check(rule, root -> rootType(root, owner, method));
    }

    /** {@link PropertyCheck#rootType} over Byte Buddy's descriptions of the woven class and method. */
    static TypeView rootType(Expr.Root root, TypeDescription owner, MethodDescription method) {
        List<String> names = new ArrayList<>();
        for (ParameterDescription parameter : method.getParameters()) {
            names.add(parameter.isNamed() ? parameter.getName() : null);
        }
        return PropertyCheck.rootType(root, ByteBuddyType.of(owner), () -> ByteBuddyType.of(method.getReturnType().asErasure()),
                names, i -> ByteBuddyType.of(method.getParameters().get(i).getType().asErasure()));
    }
}
