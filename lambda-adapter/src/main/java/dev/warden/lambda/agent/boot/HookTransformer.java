package dev.warden.lambda.agent.boot;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Inserts {@code Gate.check(kind, a, b)} at the entry of each hook method. The inserted code is
 * straight-line and leaves the stack empty, so existing stack map frames stay valid and only the
 * maximum stack size needs raising, done by hand: no {@code COMPUTE_FRAMES} (it would load classes
 * from inside a transformer) nor {@code COMPUTE_MAXS}; methods without a hook are copied as they
 * are (ASM's copy path when the writer shares the reader's constant pool). A class that fails to transform is left as it was.
 * Thread-safe: the JVM may call {@link #transform} from any thread.
 *
 * <p>Like all agent classes it runs at JVM start: no lambdas, method references, records or
 * {@code +} string concatenation (each would bootstrap {@code invokedynamic} machinery, tens of
 * milliseconds on a cold JVM; the module is compiled with {@code -XDstringConcat=inline}, as the
 * JDK compiles java.base).
 */
final class HookTransformer implements ClassFileTransformer {

  private final String gate;
  private final Map<String, List<Hook>> byOwner = new HashMap<>();
  private final Set<Hook> applied = ConcurrentHashMap.newKeySet();
  private final Map<String, String> failures = new ConcurrentHashMap<>();

  HookTransformer(String gateInternalName, List<Hook> hooks) {
    this.gate = gateInternalName;
    for (Hook hook : hooks) {
      List<Hook> list = byOwner.get(hook.owner());
      if (list == null) {
        list = new ArrayList<>();
        byOwner.put(hook.owner(), list);
      }
      list.add(hook);
    }
  }

  Set<String> owners() {
    return byOwner.keySet();
  }

  /** True when at least one hook of {@code owner} went in. */
  boolean hooked(String owner) {
    for (Hook h : applied) {
      if (h.owner().equals(owner)) {
        return true;
      }
    }
    return false;
  }

  Set<Hook> applied() {
    return applied;
  }

  Map<String, String> failures() {
    return failures;
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> redefined,
      ProtectionDomain domain,
      byte[] bytes) {
    List<Hook> hooks = className == null ? null : byOwner.get(className);
    if (hooks == null) {
      return null;
    }
    try {
      return instrument(bytes, hooks);
    } catch (Throwable failure) {
      // Never break class loading: the class stays unhooked and the status line says so.
      failures.put(className, failure.getClass().getSimpleName());
      return null;
    }
  }

  private byte[] instrument(byte[] bytes, List<Hook> hooks) {
    ClassReader reader = new ClassReader(bytes);
    ClassWriter writer = new ClassWriter(reader, 0);
    List<Hook> done = new ArrayList<>();
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String desc, String sig, String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, desc, sig, exceptions);
            for (Hook hook : hooks) {
              if (hook.method().equals(name) && hook.descriptor().equals(desc)) {
                done.add(hook);
                return new MethodVisitor(Opcodes.ASM9, mv) {
                  @Override
                  public void visitCode() {
                    super.visitCode();
                    emitCheck(this, hook);
                  }

                  @Override
                  public void visitMaxs(int maxStack, int maxLocals) {
                    // The check runs on an empty stack and pushes three values.
                    super.visitMaxs(Math.max(maxStack, 3), maxLocals);
                  }
                };
              }
            }
            return mv;
          }
        },
        0);
    if (done.isEmpty()) {
      return null;
    }
    byte[] out = writer.toByteArray();
    applied.addAll(done);
    return out;
  }

  private void emitCheck(MethodVisitor mv, Hook hook) {
    mv.visitLdcInsn(hook.kind());
    load(mv, hook.slotA());
    load(mv, hook.slotB());
    mv.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        gate,
        "check",
        "(Ljava/lang/String;Ljava/lang/Object;Ljava/lang/Object;)V",
        false);
  }

  private static void load(MethodVisitor mv, int slot) {
    if (slot < 0) {
      mv.visitInsn(Opcodes.ACONST_NULL);
    } else {
      mv.visitVarInsn(Opcodes.ALOAD, slot);
    }
  }
}
