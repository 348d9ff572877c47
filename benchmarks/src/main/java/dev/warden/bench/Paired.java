package dev.warden.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import dev.warden.lambda.testing.FakeContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Warden's cost as a ratio to the runtime's Jackson deserialization, measured in alternating
 * blocks: a block of Jackson calls, then a block of protected-handler calls on the same event,
 * many rounds. On a shared machine whose speed drifts over seconds and minutes, comparing two
 * benchmarks run one after the other mixes the drift into the ratio; pairing adjacent blocks
 * cancels most of it. Reports the median over rounds of each block's mean time per call and the
 * median of the per-round ratios.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.warden.bench.Paired [rounds]</pre>
 */
public final class Paired {

  private Paired() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    System.out.println("| event | variant | Warden, median of block means (µs) | Jackson (µs) | Warden ÷ Jackson, "
        + "median of paired rounds | rounds |");
    System.out.println("|---|---|---:|---:|---:|---:|");
    for (Events.Kind kind : Events.Kind.values()) {
      for (boolean attack : new boolean[] {false, true}) {
        System.out.println(row(kind, attack, rounds));
      }
    }
  }

  private static String row(Events.Kind kind, boolean attack, int rounds) {
    String json = Events.json(kind, attack);
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    PojoSerializer<?> serializer = Events.serializer(kind.type());
    Object typed = Events.typed(kind, json);
    RequestHandler<Object, Object> protectedHandler = Handlers.protect(kind);
    Context context = FakeContext.create();
    // About 2 ms of work per block for either side, whatever the event's size.
    int block = Math.max(1, (int) (2_000_000 / Math.max(1, nanosPerCall(serializer, bytes, 200) * 10)));
    double[] warden = new double[rounds];
    double[] jackson = new double[rounds];
    double[] ratio = new double[rounds];
    long sink = 0;
    // Warm-up: both paths until the JIT has compiled them (3 s).
    long warmEnd = System.nanoTime() + 3_000_000_000L;
    while (System.nanoTime() < warmEnd) {
      sink += Handlers.call(protectedHandler, typed, context).hashCode();
      sink += serializer.fromJson(new ByteArrayInputStream(bytes)).hashCode();
    }
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < block * 10; i++) {
        sink += serializer.fromJson(new ByteArrayInputStream(bytes)).hashCode();
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < block; i++) {
        sink += Handlers.call(protectedHandler, typed, context).hashCode();
      }
      long t2 = System.nanoTime();
      jackson[r] = (t1 - t0) / 1000.0 / (block * 10);
      warden[r] = (t2 - t1) / 1000.0 / block;
      ratio[r] = warden[r] / jackson[r];
    }
    if (sink == 42) {
      System.out.print("");
    }
    return String.format("| %s | %s | %.1f | %.2f | %.1f× | %d |", kind, attack ? "attack" : "benign",
        median(warden), median(jackson), median(ratio), rounds);
  }

  private static double nanosPerCall(PojoSerializer<?> serializer, byte[] bytes, int calls) {
    long t0 = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      serializer.fromJson(new ByteArrayInputStream(bytes));
    }
    return (System.nanoTime() - t0) / (double) calls;
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
