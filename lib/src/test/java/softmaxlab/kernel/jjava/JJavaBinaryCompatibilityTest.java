package softmaxlab.kernel.jjava;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Every JJava member the glue's compiled classes refer to (methods, constructors and fields of
 * {@code org.dflib.jjava}) exists with the exact binary descriptor in the JJava jar on the test class path: the
 * 1.0-a6 API jar in the default run, the pip-installed kernel's jar in the {@code jjava-pip} run. This is the check
 * that catches a {@code NoSuchMethodError} such as {@code setDisplayId}'s changed return type before a notebook does.
 */
class JJavaBinaryCompatibilityTest {

    private static final List<Class<?>> GLUE = List.of(JJavaFrontend.class, JJavaExtension.class,
            JJavaDerivationMagic.class);

    @Test
    void everyReferencedJJavaMemberResolves() throws IOException {
        List<String> checked = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Class<?> glue : GLUE) {
            for (MemberRef ref : references(glue)) {
                if (!ref.owner().startsWith("org/dflib/jjava/")) {
                    continue;
                }
                checked.add(ref.toString());
                if (!resolves(ref)) {
                    missing.add(glue.getSimpleName() + " -> " + ref);
                }
            }
        }
        assertFalse(checked.isEmpty(), "the glue refers to JJava");
        assertTrue(missing.isEmpty(), "not in this JJava jar (" + jarOf() + "): " + missing);
    }

    @Test
    void readerFindsAKnownReference() throws IOException {
        // guards the check above against a constant-pool reader that silently finds nothing
        assertTrue(references(JJavaFrontend.class).stream().anyMatch(r -> r.toString().equals(
                "org/dflib/jjava/jupyter/kernel/display/DisplayData.putTransientData"
                        + "(Ljava/lang/String;Ljava/lang/Object;)V")));
    }

    @Test
    void aChangedSignatureIsReported() {
        // the descriptor 1.0-a6 had for setDisplayId; in 1.0-a7 and later it returns DisplayData
        MemberRef old = new MemberRef(Kind.METHOD, "org/dflib/jjava/jupyter/kernel/display/DisplayData",
                "setDisplayId", "(Ljava/lang/String;)V");
        MemberRef newer = new MemberRef(Kind.METHOD, old.owner(), old.name(),
                "(Ljava/lang/String;)Lorg/dflib/jjava/jupyter/kernel/display/DisplayData;");
        assertTrue(resolves(old) != resolves(newer), "exactly one of the two descriptors exists");
    }

    private static String jarOf() {
        try {
            return Class.forName("org.dflib.jjava.jupyter.kernel.BaseKernel").getProtectionDomain().getCodeSource()
                    .getLocation().toString();
        } catch (ClassNotFoundException e) {
            return "no JJava on the class path";
        }
    }

    enum Kind { FIELD, METHOD }

    record MemberRef(Kind kind, String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return owner + "." + name + (kind == Kind.FIELD ? ":" : "") + descriptor;
        }
    }

    /** The field and method references in a class file's constant pool (JVMS §4.4). */
    static List<MemberRef> references(Class<?> type) throws IOException {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = Objects.requireNonNull(type.getResourceAsStream(resource), resource);
             DataInputStream data = new DataInputStream(in)) {
            data.readInt(); // magic
            data.readUnsignedShort(); // minor
            data.readUnsignedShort(); // major
            int count = data.readUnsignedShort();
            int[] tag = new int[count];
            int[] first = new int[count];
            int[] second = new int[count];
            String[] utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                tag[i] = data.readUnsignedByte();
                switch (tag[i]) {
                    case 1 -> utf8[i] = data.readUTF();
                    case 7, 8, 16, 19, 20 -> first[i] = data.readUnsignedShort();
                    case 15 -> {
                        data.readUnsignedByte();
                        data.readUnsignedShort();
                    }
                    case 3, 4 -> data.readInt();
                    case 5, 6 -> {
                        data.readLong();
                        i++; // 8-byte constants take two slots
                    }
                    case 9, 10, 11, 12, 17, 18 -> {
                        first[i] = data.readUnsignedShort();
                        second[i] = data.readUnsignedShort();
                    }
                    default -> throw new IOException(resource + ": unknown constant tag " + tag[i] + " at " + i);
                }
            }
            List<MemberRef> refs = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                if (tag[i] >= 9 && tag[i] <= 11) {
                    String owner = utf8[first[first[i]]];
                    int nameAndType = second[i];
                    refs.add(new MemberRef(tag[i] == 9 ? Kind.FIELD : Kind.METHOD, owner,
                            utf8[first[nameAndType]], utf8[second[nameAndType]]));
                }
            }
            return refs;
        }
    }

    /** Whether the member exists with this exact descriptor in the owner or its supertypes. */
    static boolean resolves(MemberRef ref) {
        Class<?> owner;
        try {
            owner = Class.forName(ref.owner().replace('/', '.'), false,
                    JJavaBinaryCompatibilityTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(owner));
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (ref.kind() == Kind.FIELD) {
                for (var f : c.getDeclaredFields()) {
                    if (f.getName().equals(ref.name()) && descriptor(f.getType()).equals(ref.descriptor())) {
                        return true;
                    }
                }
            } else {
                List<Executable> members = new ArrayList<>(List.of(c.getDeclaredMethods()));
                members.addAll(List.of(c.getDeclaredConstructors()));
                for (Executable m : members) {
                    String name = m instanceof Constructor ? "<init>" : m.getName();
                    if (name.equals(ref.name()) && descriptor(m).equals(ref.descriptor())) {
                        return true;
                    }
                }
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(List.of(c.getInterfaces()));
        }
        return false;
    }

    private static String descriptor(Executable m) {
        String params = List.of(m.getParameterTypes()).stream().map(JJavaBinaryCompatibilityTest::descriptor)
                .collect(Collectors.joining("", "(", ")"));
        return params + (m instanceof Method method ? descriptor(method.getReturnType()) : "V");
    }

    private static String descriptor(Class<?> type) {
        if (type.isArray()) {
            return type.getName().replace('.', '/');
        }
        if (type.isPrimitive()) {
            return switch (type.getName()) {
                case "void" -> "V";
                case "boolean" -> "Z";
                case "byte" -> "B";
                case "char" -> "C";
                case "short" -> "S";
                case "int" -> "I";
                case "long" -> "J";
                case "float" -> "F";
                case "double" -> "D";
                default -> throw new IllegalStateException(type.getName());
            };
        }
        return "L" + type.getName().replace('.', '/') + ";";
    }
}
