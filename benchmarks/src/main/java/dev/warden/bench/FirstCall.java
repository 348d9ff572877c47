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
 * handler (which primes once at init), then in {@code snapstart} mode runs what the SnapStart hook
 * runs before a snapshot ({@code beforeCheckpoint}: priming until compiled), then times the first
 * invocation with a new event, then {@code warm} more, and prints the first, the warm median and
 * their ratio in microseconds. Modes: {@code init} (init priming only) and {@code snapstart}.
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
    long t0 = System.nanoTime();
    h.handleRequest(events[0], ctx);
    long first = System.nanoTime() - t0;
    long[] times = new long[warm];
    for (int i = 0; i < warm; i++) {
      long s = System.nanoTime();
      h.handleRequest(events[i + 1], ctx);
      times[i] = System.nanoTime() - s;
    }
    long[] tail = Arrays.copyOfRange(times, warm / 2, warm);
    Arrays.sort(tail);
    long median = tail[tail.length / 2];
    System.out.printf("mode=%s priming_ms=%.1f first_us=%.1f warm_median_us=%.1f first_over_warm=%.2f%n", mode,
        primeNanos / 1e6, first / 1e3, median / 1e3, (double) first / median);
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
