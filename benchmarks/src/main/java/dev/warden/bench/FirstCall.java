package dev.warden.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.warden.lambda.Warden;
import dev.warden.lambda.testing.FakeContext;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;

/**
 * First inspection after init versus a warm one, in a fresh JVM. Builds the protected REST API
 * handler (an on-demand init: no priming), then in {@code snapstart} mode runs what the SnapStart
 * hook runs before a snapshot ({@code beforeCheckpoint}: priming until compiled) and waits until
 * the JIT is idle, then times the first invocation with a new event, then {@code warm} more, and
 * prints the first, the warm median and their ratio in microseconds. Modes: {@code init} (no
 * priming) and {@code snapstart}.
 */
public final class FirstCall {

  private FirstCall() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "snapstart";
    int warm = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    // Events made before anything is timed; each call gets its own, as the runtime would.
    Object[] events = new Object[warm + 1];
    String json = Events.json(Events.Kind.REST_2K, false);
    for (int i = 0; i < events.length; i++) {
      events[i] = Events.typed(Events.Kind.REST_2K, json);
    }
    Context ctx = FakeContext.create();
    RequestHandler<Object, Object> h = protect();
    long primeNanos = 0;
    if (mode.equals("snapstart")) {
      long p0 = System.nanoTime();
      beforeCheckpoint(h);
      primeNanos = System.nanoTime() - p0;
    }
    settleCompiler();
    long t0 = System.nanoTime();
    h.handleRequest(events[0], ctx);
    long first = System.nanoTime() - t0;
    long[] times = new long[warm];
    for (int i = 0; i < warm; i++) {
      long s = System.nanoTime();
      h.handleRequest(events[i + 1], ctx);
      times[i] = System.nanoTime() - s;
    }
    // The same JVM, fully warm, after the same kind of pause the first call followed: separates
    // the cost of cold caches after idling from the cost of code that was never compiled.
    settleCompiler();
    long i0 = System.nanoTime();
    h.handleRequest(events[0], ctx);
    long afterIdle = System.nanoTime() - i0;
    long[] tail = Arrays.copyOfRange(times, warm / 2, warm);
    Arrays.sort(tail);
    long median = tail[tail.length / 2];
    System.out.printf("mode=%s priming_ms=%.1f first_us=%.1f second_us=%.1f third_us=%.1f warm_median_us=%.1f"
        + " warm_after_pause_us=%.1f first_over_warm=%.2f%n", mode, primeNanos / 1e6, first / 1e3, times[0] / 1e3,
        times[1] / 1e3, median / 1e3, afterIdle / 1e3, (double) first / median);
  }

  /**
   * Waits (at most 10 s) until the JIT has been idle for 300 ms: a snapshot taken right after the
   * hook would otherwise be compared with a JVM whose compiler threads still compete with the
   * first call for the CPU.
   */
  private static void settleCompiler() throws InterruptedException {
    java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      Thread.sleep(1000);
      return;
    }
    long last = jit.getTotalCompilationTime();
    long deadline = System.nanoTime() + 10_000_000_000L;
    int quiet = 0;
    while (quiet < 3 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      long now = jit.getTotalCompilationTime();
      quiet = now == last ? quiet + 1 : 0;
      last = now;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static RequestHandler<Object, Object> protect() {
    RequestHandler h = new Handlers.Rest();
    return Warden.builder().environment(Map.of()).sink(Handlers.NO_SINK).protect(h);
  }

  /**
   * Calls the SnapStart hook the wrapper registered, as the CRaC runtime would before a snapshot.
   * Reflection because the hook is internal: off CRaC nothing else can trigger it.
   */
  private static void beforeCheckpoint(RequestHandler<Object, Object> protectedHandler) throws Exception {
    Object guard = field(protectedHandler, "guard");
    Object hook = field(guard, "snapStart");
    Method m = hook.getClass().getDeclaredMethod("beforeCheckpoint", org.crac.Context.class);
    m.setAccessible(true);
    m.invoke(hook, (Object) null);
  }

  private static Object field(Object o, String name) throws ReflectiveOperationException {
    java.lang.reflect.Field f = o.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(o);
  }
}
