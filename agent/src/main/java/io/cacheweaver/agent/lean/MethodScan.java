package io.cacheweaver.agent.lean;

import io.cacheweaver.agent.paths.BatchCheck;
import io.cacheweaver.agent.paths.ClassFileTypes;
import io.cacheweaver.agent.paths.PropertyCheck;
import io.cacheweaver.agent.paths.SignatureElements;
import io.cacheweaver.agent.paths.TypeView;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.expr.Expr;
import io.cacheweaver.runtime.expr.CompileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The first pass over a class file: the methods whose name some rule's selector matches, with
 * their parameter names. Those come from the {@code MethodParameters} attribute or the local
 * variable table, which a class file lists after the code, so a second pass does the weaving.
 */
final class MethodScan extends ClassVisitor {
    private final List<Rule> rules;
    final List<Candidate> candidates = new ArrayList<>();
    int access;

    MethodScan(List<Rule> rules) {
        super(Opcodes.ASM9);
        this.rules = rules;
    }

    /** A method some rule's name pattern matches; parameters are checked by the caller. */
    static final class Candidate {
        final int access;
        final String name;
        final String descriptor;
        final Type[] parameters;
        final String signature;
        private final List<String> declaredNames = new ArrayList<>();
        private final Map<Integer, String> localNames = new HashMap<>();

        Candidate(int access, String name, String descriptor, String signature) {
            this.access = access;
            this.name = name;
            this.descriptor = descriptor;
            this.signature = signature;
            this.parameters = Type.getArgumentTypes(descriptor);
        }

        /** Constructors, initializers, abstract, native, bridge and synthetic methods are never woven (docs/rules.md). */
        boolean isWeavable() {
            int never = Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC;
            return (access & never) == 0 && name.charAt(0) != '<';
        }

        /** {@code com.shop.Dao#find(long)}, as debug lines name a method. */
        String display(String className) {
            return className + "#" + name + "(" + String.join(", ", parameterTypes()) + ")";
        }

        /** {@link PropertyCheck#rootType} from this method's class file. */
        TypeView rootType(Expr.Root root, ClassFileTypes types, TypeView owner) {
            return PropertyCheck.rootType(root, owner, () -> types.type(Type.getReturnType(descriptor).getClassName()),
                    parameterNames(), i -> types.type(parameters[i].getClassName()));
        }

        /** {@link BatchCheck} from this method's class file: the {@code each} parameter and the element types. */
        void checkBatch(Rule rule, ClassFileTypes types, TypeView owner) throws CompileException {
            SignatureElements elements = new SignatureElements(descriptor, signature);
            List<String> names = parameterNames();
            int index = BatchCheck.eachIndex(rule.each(), names);
            BatchCheck.EachParameter each = null;
            if (index >= 0) {
                String typeName = parameters[index].getClassName();
                String element = elements.parameter(index);
                each = new BatchCheck.EachParameter(names.get(index) != null ? names.get(index) : String.valueOf(index), typeName,
                        BatchCheck.holdsElements(types.type(typeName)), element == null ? null : types.type(element));
            }
            String resultElement = elements.result();
            BatchCheck.check(rule, each, () -> resultElement == null ? null : types.type(resultElement),
                    root -> rootType(root, types, owner));
        }

        boolean isStatic() {
            return (access & Opcodes.ACC_STATIC) != 0;
        }

        /** Type names as the rules write them: {@code long}, {@code java.lang.String[]}, {@code a.B$C}. */
        List<String> parameterTypes() {
            List<String> names = new ArrayList<>(parameters.length);
            for (Type parameter : parameters) {
                names.add(parameter.getClassName());
            }
            return names;
        }

        /** From {@code MethodParameters} when the class has it (-parameters), else the local variable table; null when neither. */
        List<String> parameterNames() {
            List<String> names = new ArrayList<>(parameters.length);
            boolean declared = declaredNames.size() == parameters.length;
            int slot = isStatic() ? 0 : 1;
            for (int i = 0; i < parameters.length; i++) {
                names.add(declared ? declaredNames.get(i) : localNames.get(slot));
                slot += parameters[i].getSize();
            }
            return names;
        }
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        this.access = access;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        if (!someRuleNames(name)) {
            return null;
        }
        Candidate candidate = new Candidate(access, name, descriptor, signature);
        candidates.add(candidate);
        return new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitParameter(String parameter, int flags) {
                candidate.declaredNames.add(parameter);
            }

            @Override
            public void visitLocalVariable(String local, String type, String signature, Label start, Label end, int slot) {
                candidate.localNames.putIfAbsent(slot, local);
            }
        };
    }

    private boolean someRuleNames(String method) {
        for (Rule rule : rules) {
            if (rule.method().methodRegex().matcher(method).matches()) {
                return true;
            }
        }
        return false;
    }
}
