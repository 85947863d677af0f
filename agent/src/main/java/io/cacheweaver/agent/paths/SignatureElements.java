package io.cacheweaver.agent.paths;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.jar.asm.signature.SignatureReader;
import net.bytebuddy.jar.asm.signature.SignatureVisitor;

/**
 * The declared element types of a method's parameters and result, from its descriptor and generic
 * signature, as a batch rule's {@code {it}} sees them: {@code T[]} → {@code T};
 * {@code List<Product>} → {@code Product} (one type argument, itself a class, parameterized or
 * not); anything else (raw types, wildcards, type variables, inner classes of generic classes) →
 * {@code null}, left to the runtime. The same answers as Byte Buddy's generic type descriptions.
 */
public final class SignatureElements {
    private final List<String> parameters = new ArrayList<>();
    private String result;

    /** {@code signature}: the method's {@code Signature} attribute, or {@code null} when it has none. */
    public SignatureElements(String descriptor, String signature) {
        Type[] declared = Type.getArgumentTypes(descriptor);
        List<TypeNode> generic = new ArrayList<>();
        TypeNode[] returned = new TypeNode[1];
        if (signature != null) {
            try {
                new SignatureReader(signature).accept(new SignatureVisitor(net.bytebuddy.jar.asm.Opcodes.ASM9) {
                    @Override
                    public SignatureVisitor visitParameterType() {
                        TypeNode node = new TypeNode();
                        generic.add(node);
                        return node;
                    }

                    @Override
                    public SignatureVisitor visitReturnType() {
                        returned[0] = new TypeNode();
                        return returned[0];
                    }
                });
            } catch (RuntimeException malformed) {
                generic.clear();
                returned[0] = null;
            }
        }
        boolean aligned = generic.size() == declared.length; // synthetic leading parameters are not in the signature
        for (int i = 0; i < declared.length; i++) {
            parameters.add(elementOf(declared[i], aligned ? generic.get(i) : null));
        }
        result = elementOf(Type.getReturnType(descriptor), returned[0]);
    }

    /** The element type name of parameter {@code index}, or {@code null}. */
    public String parameter(int index) {
        return parameters.get(index);
    }

    /** The element type name of the returned value, or {@code null}. */
    public String result() {
        return result;
    }

    private static String elementOf(Type erasure, TypeNode generic) {
        if (erasure.getSort() == Type.ARRAY) {
            return Type.getType(erasure.getDescriptor().substring(1)).getClassName();
        }
        if (generic == null || generic.className == null || generic.inner || generic.arguments.size() != 1) {
            return null;
        }
        TypeNode argument = generic.arguments.get(0);
        return argument == null ? null : argument.erasure();
    }

    /** One type of a signature: a class with its type arguments, an array, a primitive, or a type variable. */
    private static final class TypeNode extends SignatureVisitor {
        String className;
        char primitive;
        TypeNode component;
        boolean variable;
        boolean inner;
        /** One entry per type argument; {@code null} for a wildcard. */
        final List<TypeNode> arguments = new ArrayList<>(1);

        TypeNode() {
            super(net.bytebuddy.jar.asm.Opcodes.ASM9);
        }

        @Override
        public void visitBaseType(char descriptor) {
            primitive = descriptor;
        }

        @Override
        public void visitTypeVariable(String name) {
            variable = true;
        }

        @Override
        public SignatureVisitor visitArrayType() {
            component = new TypeNode();
            return component;
        }

        @Override
        public void visitClassType(String name) {
            className = name;
        }

        @Override
        public void visitInnerClassType(String name) {
            inner = true;
        }

        @Override
        public void visitTypeArgument() {
            arguments.add(null);
        }

        @Override
        public SignatureVisitor visitTypeArgument(char wildcard) {
            TypeNode argument = new TypeNode();
            arguments.add(wildcard == SignatureVisitor.INSTANCEOF ? argument : null);
            return argument;
        }

        /** As a type argument: a class (parameterized or not) or an array of such; {@code null} for a type variable. */
        String erasure() {
            if (className != null) {
                return inner ? null : className.replace('/', '.');
            }
            if (component != null && component.arguments.isEmpty()) { // an array of a parameterized type is generic
                String of = component.primitive != 0 ? Type.getType(String.valueOf(component.primitive)).getClassName()
                        : component.erasure();
                return of == null ? null : of + "[]";
            }
            return null;
        }
    }
}
