package dev.warden.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import dev.warden.lambda.Warden;
import dev.warden.lambda.testing.FakeContext;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One cold start, as a fresh JVM sees it: deserialize a REST API event with the runtime's
 * serializer, build the handler ({@code plain}, or {@code warden}: wrapped with
 * {@code Warden.builder()...protect}), invoke it once. Prints one line of key=value timings in
 * microseconds measured inside the process (from JVM start as the runtime MXBean reports it is
 * too coarse, so {@code bench/cold-start.sh} also times the whole process from outside).
 *
 * <p>{@code memory} mode: heap used after {@code System.gc()} before and after building the
 * protected handler (MemoryMXBean, 5 collections each), i.e. what Warden keeps after init.
 */
public final class ColdStart {

  private ColdStart() {}

  /** The user's handler: answers 200. */
  public static final class Fn implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent e,
        com.amazonaws.services.lambda.runtime.Context c) {
      return new APIGatewayProxyResponseEvent().withStatusCode(200).withBody("ok");
    }
  }

  public static void main(String[] args) {
    String mode = args.length > 0 ? args[0] : "warden";
    if (mode.equals("memory")) {
      memory();
      return;
    }
    // CPU time of this thread, next to wall time: on a shared machine the wall clock also counts
    // waiting for a core. Loaded before the first mark, so both modes pay for it alike.
    java.lang.management.ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long c0 = cpu.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    PojoSerializer<APIGatewayProxyRequestEvent> ser = Events.serializer(APIGatewayProxyRequestEvent.class);
    APIGatewayProxyRequestEvent event = ser.fromJson(new ByteArrayInputStream(
        Events.json(Events.Kind.REST_2K, false).getBytes(StandardCharsets.UTF_8)));
    long t1 = System.nanoTime();
    long c1 = cpu.getCurrentThreadCpuTime();
    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> h = new Fn();
    if (mode.equals("warden")) {
      // The default sink (SLF4J), as a user gets it: its loading is part of what Warden adds.
      h = Warden.builder().environment(Map.of()).protect(h);
    } else if (mode.equals("warden-posture")) {
      // As in a Lambda environment: the posture check (class-path inventory with SHA-256 of every
      // jar) starts on its own thread at init and competes with init and the first call for CPU.
      h = Warden.builder().environment(Map.of("AWS_LAMBDA_FUNCTION_NAME", "cold-start")).protect(h);
    }
    long t2 = System.nanoTime();
    long c2 = cpu.getCurrentThreadCpuTime();
    APIGatewayProxyResponseEvent r = h.handleRequest(event, FakeContext.create());
    long t3 = System.nanoTime();
    long c3 = cpu.getCurrentThreadCpuTime();
    if (r.getStatusCode() != 200) {
      throw new IllegalStateException("unexpected status " + r.getStatusCode());
    }
    System.out.printf("mode=%s deserialize_us=%d init_us=%d first_call_us=%d init_cpu_us=%d first_call_cpu_us=%d%n",
        mode, (t1 - t0) / 1000, (t2 - t1) / 1000, (t3 - t2) / 1000, (c2 - c1) / 1000, (c3 - c2) / 1000);
  }

  private static void memory() {
    MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
    // Load what both sides share (events, serializer, context) before the baseline.
    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> fn = new Fn();
    APIGatewayProxyRequestEvent event = Events.typed(Events.Kind.REST_2K, Events.json(Events.Kind.REST_2K, false));
    fn.handleRequest(event, FakeContext.create());
    long before = settledHeap(mx);
    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> h =
        Warden.builder().environment(Map.of()).sink(Handlers.NO_SINK).protect(fn);
    h.handleRequest(event, FakeContext.create());
    long after = settledHeap(mx);
    System.out.printf("heap_before_kb=%d heap_after_kb=%d warden_retained_kb=%d%n", before / 1024, after / 1024,
        (after - before) / 1024);
    // Keep the handler reachable until after the measurement.
    if (h.hashCode() == 42) {
      System.out.print("");
    }
  }

  private static long settledHeap(MemoryMXBean mx) {
    for (int i = 0; i < 5; i++) {
      System.gc();
    }
    return mx.getHeapMemoryUsage().getUsed();
  }
}
