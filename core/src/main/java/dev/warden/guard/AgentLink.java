package dev.warden.guard;

import java.lang.reflect.Method;
import java.util.function.BiFunction;

/**
 * Connects Warden's runtime guards to {@code warden-agent.jar} when the JVM was started with
 * {@code -javaagent} (on Lambda: {@code JAVA_TOOL_OPTIONS=-javaagent:/opt/java/lib/warden-agent.jar}).
 * The agent jar holds only its own classes and relocated ASM; it is always on the system class
 * path, so the link looks it up there by name and hands it a decider typed with java.base types
 * only. That keeps one enforcer whatever class loader (the function's, the runtime's) loaded
 * Warden, and a function without the agent pays one failed class lookup.
 *
 * <p>Thread-safe and idempotent; the last Warden copy to link wins. Never throws.
 */
public final class AgentLink {

  /** The agent's entry class as it is named inside warden-agent.jar. */
  static final String AGENT_CLASS = "dev.warden.agent.WardenAgent";

  private AgentLink() {}

  /**
   * True when the agent's status line says it hooks every {@code java.net.Socket} connect
   * ({@code NioSocketImpl#connect} is neither absent nor failed on this JDK).
   */
  static boolean coversSockets(String status) {
    return status != null && status.startsWith("active") && !status.contains("NioSocketImpl");
  }

  /**
   * Registers Warden's checks with the agent, if the JVM runs it.
   *
   * @return the agent's status line (e.g. {@code "active, hooks=11"}), or null without the agent
   */
  public static String connect() {
    try {
      ClassLoader system = ClassLoader.getSystemClassLoader();
      Class<?> agent = Class.forName(AGENT_CLASS, true, system);
      Method register = agent.getMethod("register", BiFunction.class);
      register.invoke(null, new AgentBridge());
      Object status = agent.getMethod("status").invoke(null);
      return String.valueOf(status);
    } catch (ClassNotFoundException absent) {
      return null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError failure) {
      // An agent of another, incompatible Warden version: run without it rather than fail.
      return null;
    }
  }
}
