package dev.warden.lambda;

import dev.warden.Engine;
import dev.warden.event.EventSink;
import dev.warden.lambda.TriggerFixtures.Fixture;
import dev.warden.lambda.extract.Extractors;
import dev.warden.lambda.testing.FakeContext;
import java.util.Arrays;
import java.util.List;

/**
 * Inspection time per trigger fixture, typed path and raw-bytes path (sniff, bounded parse, read
 * with the runtime's serializers, extract, inspect), with the marker detector so the numbers are
 * Warden's own overhead, not detection cost. Prints the median and p90 of many runs after warm-up.
 * Run: {@code lambda-adapter/bench-triggers.sh}. Not a test: timings belong in benchmarks.
 */
public final class TriggerBench {

  private TriggerBench() {}

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    EventSink none = e -> { };
    Guard guard = new Guard(Engine.of(TestSupport.SLOW_MACHINE, List.of(TestSupport.MARKER), none),
        Extractors.standard(), null);
    StreamGuard raw = new StreamGuard(guard);
    FakeContext ctx = FakeContext.builder().build();
    System.out.printf("%-36s %8s %12s %12s %12s %12s%n", "fixture", "bytes", "typed p50 us", "typed p90 us",
        "raw p50 us", "raw p90 us");
    for (Fixture f : TriggerFixtures.ALL) {
      Object event = TriggerFixtures.typed(f, TriggerFixtures.tree(f));
      byte[] bytes = TriggerFixtures.bytes(TriggerFixtures.tree(f));
      long[] typed = new long[runs];
      long[] rawT = new long[runs];
      for (int i = 0; i < warmup; i++) {
        guard.check(event, ctx);
        raw.check(bytes, null, ctx);
      }
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        guard.check(event, ctx);
        long t1 = System.nanoTime();
        raw.check(bytes, null, ctx);
        long t2 = System.nanoTime();
        typed[i] = t1 - t0;
        rawT[i] = t2 - t1;
      }
      Arrays.sort(typed);
      Arrays.sort(rawT);
      System.out.printf("%-36s %8d %12.1f %12.1f %12.1f %12.1f%n", f.file(), bytes.length,
          typed[runs / 2] / 1e3, typed[runs * 9 / 10] / 1e3, rawT[runs / 2] / 1e3, rawT[runs * 9 / 10] / 1e3);
    }
  }
}
