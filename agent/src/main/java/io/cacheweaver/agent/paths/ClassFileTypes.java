package io.cacheweaver.agent.paths;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Types read from class files through a class loader's resources, for the lean weaver's property
 * check: nothing is loaded, and a class file is read only when a step needs its members. One
 * instance per woven class (it caches what it read).
 */
public final class ClassFileTypes {
    private static final String OBJECT = "java.lang.Object";

    private final ClassLoader loader;
    private final Map<String, TypeView> types = new HashMap<>();

    public ClassFileTypes(ClassLoader loader) {
        this.loader = loader;
    }

    /** The class being woven, from the bytes at hand (its loader may have no resource for it). */
    public TypeView define(String className, byte[] bytes) {
        Read read = new Read(className, bytes);
        types.put(className, read);
        return read;
    }

    /** {@code int}, {@code java.lang.String[]}, {@code a.B$C}: as ASM's {@link Type#getClassName} writes them. */
    public TypeView type(String name) {
        return types.computeIfAbsent(name, this::create);
    }

    private TypeView create(String name) {
        if (name.endsWith("[]")) {
            return new Memberless(name, false);
        }
        return switch (name) {
            case "boolean", "byte", "char", "short", "int", "long", "float", "double", "void" -> new Memberless(name, true);
            default -> new Read(name, null);
        };
    }

    private byte[] classFile(String className) {
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no class file for " + className);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the class file of " + className, e);
        }
    }

    /** A primitive or an array: no members of its own; an array is an Object that is Cloneable and Serializable. */
    private final class Memberless implements TypeView {
        private final String name;
        private final boolean primitive;

        Memberless(String name, boolean primitive) {
            this.name = name;
            this.primitive = primitive;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean isPrimitive() {
            return primitive;
        }

        @Override
        public boolean isOpaque() {
            return false;
        }

        @Override
        public TypeView superClass() {
            return primitive ? null : type(OBJECT);
        }

        @Override
        public List<TypeView> interfaces() {
            return primitive ? List.of() : List.of(type("java.lang.Cloneable"), type("java.io.Serializable"));
        }

        @Override
        public List<Member> methods() {
            return List.of();
        }

        @Override
        public List<Member> fields() {
            return List.of();
        }

        @Override
        public TypeView object() {
            return type(OBJECT);
        }
    }

    /** A class or interface, its class file read on first need. */
    private final class Read extends ClassVisitor implements TypeView {
        private final String name;
        private byte[] bytes;
        private boolean read;
        private int access;
        private String superName;
        private final List<String> interfaceNames = new ArrayList<>();
        private final List<Member> methods = new ArrayList<>();
        private final List<Member> fields = new ArrayList<>();

        Read(String name, byte[] bytes) {
            super(Opcodes.ASM9);
            this.name = name;
            this.bytes = bytes;
        }

        private Read read() {
            if (!read) {
                new ClassReader(bytes != null ? bytes : classFile(name))
                        .accept(this, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
                bytes = null;
                read = true;
            }
            return this;
        }

        @Override
        public void visit(int version, int flags, String internalName, String signature, String superclass, String[] implemented) {
            this.access = flags;
            this.superName = superclass;
            for (String each : implemented == null ? new String[0] : implemented) {
                interfaceNames.add(Type.getObjectType(each).getClassName());
            }
        }

        @Override
        public MethodVisitor visitMethod(int flags, String method, String descriptor, String signature, String[] exceptions) {
            String returned = Type.getReturnType(descriptor).getClassName();
            methods.add(new Member(method, (flags & Opcodes.ACC_PUBLIC) != 0, (flags & Opcodes.ACC_STATIC) != 0,
                    method.charAt(0) == '<', Type.getArgumentTypes(descriptor).length, returned, () -> type(returned)));
            return null;
        }

        @Override
        public FieldVisitor visitField(int flags, String field, String descriptor, String signature, Object value) {
            String fieldType = Type.getType(descriptor).getClassName();
            fields.add(new Member(field, (flags & Opcodes.ACC_PUBLIC) != 0, (flags & Opcodes.ACC_STATIC) != 0, false, 0,
                    fieldType, () -> type(fieldType)));
            return null;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean isPrimitive() {
            return false;
        }

        @Override
        public boolean isOpaque() {
            return name.equals(OBJECT);
        }

        /** As Byte Buddy has it: none for Object and for interfaces. */
        @Override
        public TypeView superClass() {
            read();
            return superName == null || (access & Opcodes.ACC_INTERFACE) != 0 ? null : type(Type.getObjectType(superName).getClassName());
        }

        @Override
        public List<TypeView> interfaces() {
            List<TypeView> all = new ArrayList<>();
            for (String each : read().interfaceNames) {
                all.add(type(each));
            }
            return all;
        }

        @Override
        public List<Member> methods() {
            return read().methods;
        }

        @Override
        public List<Member> fields() {
            return read().fields;
        }

        @Override
        public TypeView object() {
            return type(OBJECT);
        }
    }
}
