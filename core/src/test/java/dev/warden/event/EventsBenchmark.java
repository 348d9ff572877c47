package dev.warden.event;

import dev.warden.Invocation;
import dev.warden.detect.Finding;
import dev.warden.extract.Source;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Medians of the event path's costs: rendering one OCSF line, one evidence excerpt inside a large
 * value (the secret scan looks 4096 characters past each edge), and flood control's suppressed
 * path. Run with {@code scripts/bench-events.sh}; not a test (timings belong in reports, not in
 * assertions).
 */
public final class EventsBenchmark {

  private EventsBenchmark() {}

  public static void main(String[] args) {
    int rounds = 21;
    int ops = 20_000;
    Invocation inv = new Invocation("8f5c7e9a-3b1d-4c2e-9f00-1a2b3c4d5e6f", "orders", "7",
        "arn:aws:lambda:eu-west-1:123456789012:function:orders:live", "apigateway-rest",
        Map.of("source-ip", "203.0.113.9", "method", "GET", "path", "/orders", "user-agent", "curl/8.5.0"));
    SecurityEvent e = SecurityEvent.finding(Instant.now(), inv, new Finding("sqli", "tautology", Source.QUERY,
        "query.id", "1' OR '1'='1 -- password=hunter2 AKIAIOSFODNN7EXAMPLE <script>alert(1)</script>"), "blocked");
    String words = "lorem ipsum dolor sit amet ".repeat(160);
    String value = words + "1' OR '1'='1" + words;
    int at = words.length();
    FloodControl flood = new FloodControl(x -> { }, 20, 50);
    long[] sink = new long[1];
    report("EventJson.render (ns/op)", rounds, ops, () -> sink[0] += EventJson.render(e).length());
    report("Evidence.excerpt in 8.6 KB of words (ns/op)", rounds, ops,
        () -> sink[0] += Evidence.excerpt(value, at, at + 12).length());
    report("FloodControl.record, over the cap (ns/op)", rounds, ops, () -> flood.record(e));
    System.out.println("(checksum " + (sink[0] & 1) + ", " + Runtime.getRuntime().availableProcessors() + " cpus)");
  }

  private static void report(String name, int rounds, int ops, Runnable op) {
    long[] perOp = new long[rounds];
    for (int r = 0; r < rounds; r++) {
      LongSupplier clock = System::nanoTime;
      long t = clock.getAsLong();
      for (int i = 0; i < ops; i++) {
        op.run();
      }
      perOp[r] = (clock.getAsLong() - t) / ops;
    }
    Arrays.sort(perOp);
    System.out.printf("%-48s median %,8d   min %,8d   max %,8d%n", name, perOp[rounds / 2], perOp[0], perOp[rounds - 1]);
  }
}
