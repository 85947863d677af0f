package io.cacheweaver.agent;

import io.cacheweaver.agent.paths.TypeView;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/** A Byte Buddy type description (from its type pool: nothing is loaded) as the property check sees it. */
record ByteBuddyType(TypeDefinition type) implements TypeView {
    static ByteBuddyType of(TypeDefinition type) {
        return type == null ? null : new ByteBuddyType(type);
    }

    @Override
    public String name() {
        return type.asErasure().getName();
    }

    @Override
    public String typeName() {
        return type.getTypeName();
    }

    @Override
    public boolean isPrimitive() {
        return type.isPrimitive();
    }

    @Override
    public boolean isOpaque() {
        return type.represents(Object.class) || type.getSort() != TypeDefinition.Sort.NON_GENERIC;
    }

    @Override
    public TypeView superClass() {
        return of(type.getSuperClass());
    }

    @Override
    public List<TypeView> interfaces() {
        List<TypeView> all = new ArrayList<>();
        for (TypeDefinition implemented : type.getInterfaces()) {
            all.add(of(implemented));
        }
        return all;
    }

    @Override
    public List<Member> methods() {
        List<Member> all = new ArrayList<>();
        for (MethodDescription m : type.getDeclaredMethods()) {
            TypeDescription returned = m.getReturnType().asErasure();
            all.add(new Member(m.getName(), m.isPublic(), m.isStatic(), !m.isMethod(), m.getParameters().size(),
                    returned.getName(), () -> of(returned)));
        }
        return all;
    }

    @Override
    public List<Member> fields() {
        List<Member> all = new ArrayList<>();
        for (FieldDescription f : type.getDeclaredFields()) {
            TypeDescription fieldType = f.getType().asErasure();
            all.add(new Member(f.getName(), f.isPublic(), f.isStatic(), false, 0, fieldType.getName(), () -> of(fieldType)));
        }
        return all;
    }

    @Override
    public TypeView object() {
        return of(TypeDescription.ForLoadedType.of(Object.class));
    }
}
