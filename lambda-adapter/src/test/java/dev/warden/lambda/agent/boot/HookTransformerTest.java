package dev.warden.lambda.agent.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transformer on a stand-in class, with {@link RecordingGate} as the gate. */
class HookTransformerTest {

  private static final String TARGET = "dev/warden/lambda/agent/boot/HookTransformerTest$Target";
  private static final String GATE = "dev/warden/lambda/agent/boot/HookTransformerTest$RecordingGate";

  /** Stands in for a JDK class: a constructor and an instance method with hook points. */
  public static final class Target {
    final String opened;

    public Target(String path, boolean append) {
      this.opened = path;
    }

    public String connect(String host, int port) {
      return host + ":" + port;
    }

    public String connect(String host) {
      return host;
    }
  }

  /** Stands in for the gate: records calls, refuses the kind "refuse". */
  public static final class RecordingGate {
    public static final List<List<Object>> CALLS = new ArrayList<>();

    public static void check(String kind, Object a, Object b) throws Exception {
      CALLS.add(java.util.Arrays.asList(kind, a, b));
      if (kind.equals("refuse")) {
        throw new java.net.ConnectException("refused");
      }
    }
  }

  @BeforeEach
  void clear() {
    RecordingGate.CALLS.clear();
  }

  @Test
  void transform_matchingMethod_callsGateFirstWithArguments() throws Throwable {
    Class<?> c = load(List.of(
        new Hook(TARGET, "connect", "(Ljava/lang/String;I)Ljava/lang/String;", "socket", 1, 0)));
    Object target = c.getConstructor(String.class, boolean.class).newInstance("p", false);
    Object result = c.getMethod("connect", String.class, int.class).invoke(target, "h", 80);
    assertThat(result).isEqualTo("h:80");
    assertThat(RecordingGate.CALLS).hasSize(1);
    assertThat(RecordingGate.CALLS.get(0)).containsExactly("socket", "h", target);
    // The overload with another descriptor is untouched.
    c.getMethod("connect", String.class).invoke(target, "h");
    assertThat(RecordingGate.CALLS).hasSize(1);
  }

  @Test
  void transform_constructor_gateSeesArgumentBeforeSuper() throws Throwable {
    Class<?> c = load(List.of(new Hook(TARGET, "<init>", "(Ljava/lang/String;Z)V", "file-output", 1, -1)));
    c.getConstructor(String.class, boolean.class).newInstance("/tmp/x", true);
    assertThat(RecordingGate.CALLS).containsExactly(java.util.Arrays.asList("file-output", "/tmp/x", null));
  }

  @Test
  void transform_gateRefuses_methodBodyNeverRuns() throws Throwable {
    Class<?> c = load(List.of(
        new Hook(TARGET, "connect", "(Ljava/lang/String;I)Ljava/lang/String;", "refuse", 1, -1)));
    Object target = c.getConstructor(String.class, boolean.class).newInstance("p", false);
    assertThatThrownBy(() -> {
      try {
        c.getMethod("connect", String.class, int.class).invoke(target, "h", 80);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }).isInstanceOf(java.net.ConnectException.class);
  }

  @Test
  void transform_noMatchingDescriptor_leavesClassAlone() throws Exception {
    HookTransformer t = new HookTransformer(GATE, List.of(new Hook(TARGET, "connect", "()V", "x", -1, -1)));
    assertThat(t.transform(null, null, TARGET, null, null, bytes())).isNull();
    assertThat(t.applied()).isEmpty();
  }

  @Test
  void transform_unreadableClass_leftAloneAndReported() {
    HookTransformer t = new HookTransformer(GATE, List.of(new Hook(TARGET, "connect", "()V", "x", -1, -1)));
    assertThat(t.transform(null, null, TARGET, null, null, new byte[] {1, 2, 3})).isNull();
    assertThat(t.failures()).containsKey(TARGET);
  }

  private static Class<?> load(List<Hook> hooks) throws Exception {
    HookTransformer t = new HookTransformer(GATE, hooks);
    byte[] out = t.transform(null, null, TARGET, null, null, bytes());
    assertThat(out).isNotNull();
    assertThat(t.applied()).containsExactlyElementsOf(hooks);
    String name = TARGET.replace('/', '.');
    return new GateTest.OneClassLoader(name, out).loadClass(name);
  }

  private static byte[] bytes() throws Exception {
    try (InputStream in = HookTransformerTest.class.getResourceAsStream("HookTransformerTest$Target.class")) {
      return in.readAllBytes();
    }
  }
}
