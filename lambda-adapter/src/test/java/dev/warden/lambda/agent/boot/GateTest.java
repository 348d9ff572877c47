package dev.warden.lambda.agent.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gate as the agent defines it: the template renamed by {@link GateDefiner#renamed} (here
 * into a fresh class loader, since only the agent may define classes in java.base).
 */
class GateTest {

  private static final String NAME = "dev/warden/lambda/agent/boot/RenamedGate";

  private Method install;
  private Method check;

  @BeforeEach
  void defineFreshGate() throws Exception {
    byte[] template;
    try (InputStream in = Gate.class.getResourceAsStream("Gate.class")) {
      template = in.readAllBytes();
    }
    byte[] renamed = GateDefiner.renamed(template, NAME);
    Class<?> gate = new OneClassLoader(NAME.replace('/', '.'), renamed).loadClass(
        NAME.replace('/', '.'));
    assertThat(gate.getName()).isEqualTo("dev.warden.lambda.agent.boot.RenamedGate");
    install = gate.getMethod("install", BiFunction.class);
    check = gate.getMethod("check", String.class, Object.class, Object.class);
  }

  @Test
  void check_noHook_doesNothing() {
    assertThatCode(() -> check("socket", "a", null)).doesNotThrowAnyException();
  }

  @Test
  void check_hookReturnsRefusal_throwsItUnchanged() throws Exception {
    ConnectException refusal = new ConnectException("refused");
    List<Object> seen = new ArrayList<>();
    install.invoke(null, (BiFunction<String, Object[], Throwable>) (k, a) -> {
      seen.add(k);
      seen.add(a[0]);
      return refusal;
    });
    assertThatThrownBy(() -> check("socket", "dest", null)).isSameAs(refusal);
    assertThat(seen).containsExactly("socket", "dest");
  }

  @Test
  void check_hookFails_operationGoesOn() throws Exception {
    install.invoke(null, (BiFunction<String, Object[], Throwable>) (k, a) -> {
      throw new IllegalStateException("broken guard");
    });
    assertThatCode(() -> check("file-output", "/x", null)).doesNotThrowAnyException();
  }

  @Test
  void check_reenteredFromHook_innerCallPasses() throws Throwable {
    List<String> inner = new ArrayList<>();
    install.invoke(null, (BiFunction<String, Object[], Throwable>) (k, a) -> {
      if (k.equals("outer")) {
        try {
          check("inner", null, null);
          inner.add("passed");
        } catch (Throwable t) {
          inner.add("refused");
        }
        return null;
      }
      return new IOException("refused");
    });
    check("outer", null, null);
    assertThat(inner).containsExactly("passed");
    assertThatThrownBy(() -> check("other", null, null)).isInstanceOf(IOException.class);
  }

  @Test
  void install_secondHook_ignored() throws Exception {
    install.invoke(null, (BiFunction<String, Object[], Throwable>) (k, a) -> null);
    install.invoke(null, (BiFunction<String, Object[], Throwable>) (k, a) -> new IOException("x"));
    assertThatCode(() -> check("socket", null, null)).doesNotThrowAnyException();
  }

  private void check(String kind, Object a, Object b) throws Throwable {
    try {
      check.invoke(null, kind, a, b);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Defines one class from bytes, child-first; everything else comes from the parent. */
  static final class OneClassLoader extends ClassLoader {
    private final String name;
    private final byte[] bytes;

    OneClassLoader(String name, byte[] bytes) {
      super(OneClassLoader.class.getClassLoader());
      this.name = name;
      this.bytes = bytes;
    }

    @Override
    protected synchronized Class<?> loadClass(String n, boolean resolve)
        throws ClassNotFoundException {
      if (n.equals(name)) {
        Class<?> c = findLoadedClass(n);
        return c != null ? c : defineClass(n, bytes, 0, bytes.length);
      }
      return super.loadClass(n, resolve);
    }
  }
}
