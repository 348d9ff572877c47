package dev.warden.lambda.agent.boot;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Defines the gate inside {@code java.base} with {@code MethodHandles.privateLookupIn(...)
 * .defineClass}: unlike appending a jar to the boot class path, this keeps class-data sharing on
 * and prints no warning. Not thread-safe; called once from the agent's start.
 */
final class GateDefiner {

  /**
   * The package holds only annotation types, so opening it to the agent's module hands nothing
   * sensitive to class-path code (opening, say, {@code jdk.internal.misc} would expose Unsafe).
   */
  static final String GATE_PACKAGE = "jdk.internal.vm.annotation";

  static final String GATE_NAME = GATE_PACKAGE + ".WardenGate";

  private static final String ANCHOR = GATE_PACKAGE + ".Stable";

  /** Modules whose classes get hooks and so must see the gate's package. */
  private static final String[] CALLER_MODULES = {"java.naming"};

  private GateDefiner() {}

  /** Defines the gate, installs {@code hook} in it and returns the gate's internal name. */
  static String define(Instrumentation inst, BiFunction<String, Object[], Throwable> hook)
      throws ReflectiveOperationException, IOException {
    Class<?> anchor = Class.forName(ANCHOR, false, null);
    Module base = anchor.getModule();
    Module self = GateDefiner.class.getModule();
    Map<String, Set<Module>> exports = new java.util.HashMap<>();
    Set<Module> callers = new java.util.HashSet<>();
    for (String name : CALLER_MODULES) {
      java.util.Optional<Module> m = ModuleLayer.boot().findModule(name);
      if (m.isPresent()) {
        callers.add(m.get());
      }
    }
    if (!callers.isEmpty()) {
      exports.put(GATE_PACKAGE, callers);
    }
    inst.redefineModule(
        base, Set.of(), exports, Map.of(GATE_PACKAGE, Set.of(self)), Set.of(), Map.of());
    MethodHandles.Lookup lookup =
        MethodHandles.privateLookupIn(anchor, MethodHandles.lookup());
    Class<?> gate = lookup.defineClass(renamed(templateBytes(), GATE_NAME.replace('.', '/')));
    gate.getMethod("install", BiFunction.class).invoke(null, hook);
    return gate.getName().replace('.', '/');
  }

  private static byte[] templateBytes() throws IOException {
    try (InputStream in = Gate.class.getResourceAsStream("Gate.class")) {
      if (in == null) {
        throw new IOException("gate template missing from the agent jar");
      }
      return in.readAllBytes();
    }
  }

  /** Copies {@code bytes} under a new class name, rewriting the class's references to itself. */
  static byte[] renamed(byte[] bytes, String newName) {
    ClassReader reader = new ClassReader(bytes);
    String oldName = reader.getClassName();
    String oldDesc = "L" + oldName + ";";
    String newDesc = "L" + newName + ";";
    ClassWriter writer = new ClassWriter(0);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public void visit(
              int version, int access, String name, String sig, String sup, String[] itf) {
            super.visit(version, access, newName, sig, sup, itf);
          }

          @Override
          public void visitSource(String source, String debug) {
            // The source file name would point at the template.
          }

          @Override
          public MethodVisitor visitMethod(
              int access, String name, String desc, String sig, String[] exceptions) {
            return new MethodVisitor(
                Opcodes.ASM9, super.visitMethod(access, name, desc, sig, exceptions)) {
              @Override
              public void visitFieldInsn(int op, String owner, String fname, String fdesc) {
                super.visitFieldInsn(op, swap(owner), fname, fdesc.replace(oldDesc, newDesc));
              }

              @Override
              public void visitMethodInsn(
                  int op, String owner, String mname, String mdesc, boolean itf) {
                super.visitMethodInsn(op, swap(owner), mname, mdesc.replace(oldDesc, newDesc), itf);
              }

              private String swap(String owner) {
                return owner.equals(oldName) ? newName : owner;
              }
            };
          }
        },
        0);
    return writer.toByteArray();
  }
}
