package io.cacheweaver.agent.paths;

import java.util.List;
import java.util.function.Supplier;

/**
 * A type as the property check sees it, from class files alone: Byte Buddy's type pool when Byte
 * Buddy weaves, the lean weaver's own class file reader otherwise. Anything about a type whose
 * class file cannot be read throws a {@link RuntimeException}, which the check takes as "leave it
 * to the runtime".
 */
public interface TypeView {
    /** The erasure's name: {@code fixture.app.Customer}, {@code int}, {@code java.lang.String[]}. */
    String name();

    /** As messages print it (with type arguments, for a generic type). */
    default String typeName() {
        return name();
    }

    boolean isPrimitive();

    /** {@code Object}, or a type variable or parameterized type: its properties are not checked. */
    boolean isOpaque();

    /** The superclass, or {@code null} for {@code Object}, interfaces and primitives. */
    TypeView superClass();

    List<TypeView> interfaces();

    List<Member> methods();

    List<Member> fields();

    /** {@code java.lang.Object} from the same source: every hierarchy ends with it, interfaces included. */
    TypeView object();

    /**
     * A declared method or field. {@code typeName}: the return (or field) type's erasure name,
     * {@code void} for none; {@code type}: that type, resolved on demand.
     */
    record Member(String name, boolean isPublic, boolean isStatic, boolean isConstructor, int parameterCount,
                  String typeName, Supplier<TypeView> type) {
        boolean returnsVoid() {
            return typeName.equals("void");
        }

        boolean returnsBoolean() {
            return typeName.equals("boolean") || typeName.equals("java.lang.Boolean");
        }
    }
}
