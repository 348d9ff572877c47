package dev.warden.lambda.agent.boot;

import java.util.function.BiFunction;

/**
 * Template of the gate that instrumented JDK methods call. Never used under this name: the agent
 * renames a copy to {@link GateDefiner#GATE_NAME} and defines it inside {@code java.base}, so that
 * code in {@code java.base} and {@code java.naming} can call it without seeing the class path.
 *
 * <p>SECURITY-CRITICAL. The gate does nothing until a hook is installed; a hook failure never
 * reaches the caller (fail-open), only a refusal the hook returns does. A thread-local flag stops
 * re-entry: the hook's own I/O, logging and class loading pass unchecked. Thread-safe. The class
 * may only refer to {@code java.base} types and to itself (the renamer rewrites self references).
 */
public final class Gate {

  /** Set once at agent start; receives (kind, {arg0, arg1}) and returns the refusal or null. */
  private static volatile BiFunction<String, Object[], Throwable> hook;

  private static final ThreadLocal<Boolean> BUSY = new ThreadLocal<>();

  private Gate() {}

  /**
   * Installs the hook once; later calls are ignored, so code that can reach the gate cannot
   * swap the hook out.
   */
  public static synchronized void install(BiFunction<String, Object[], Throwable> h) {
    if (hook == null) {
      hook = h;
    }
  }

  /**
   * Called first thing by every instrumented method. Throws the refusal the hook returns (the
   * ordinary checked exception the caller already handles, thrown without a declaration).
   */
  public static void check(String kind, Object a, Object b) {
    BiFunction<String, Object[], Throwable> h = hook;
    if (h == null || BUSY.get() != null) {
      return;
    }
    Throwable refusal;
    BUSY.set(Boolean.TRUE);
    try {
      refusal = h.apply(kind, new Object[] {a, b});
    } catch (Throwable failure) {
      // Warden's own failure: the hook reports it; the caller's operation goes on.
      refusal = null;
    } finally {
      BUSY.remove();
    }
    if (refusal != null) {
      throw Gate.<RuntimeException>sneaky(refusal);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
