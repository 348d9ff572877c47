package dev.warden.samples.demo;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.warden.Verdict;
import dev.warden.WardenBlockedException;
import dev.warden.detect.Finding;
import dev.warden.event.EventJson;
import dev.warden.event.SecurityEvent;
import dev.warden.lambda.Warden;
import dev.warden.lambda.testing.FakeContext;
import dev.warden.lambda.testing.Fixtures;
import dev.warden.samples.documents.DocumentsFunction;
import dev.warden.samples.orders.OrdersFunction;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * Replays scripted benign and hostile events through the protected sample functions with a
 * {@link FakeContext}, prints a table (function, event, expected, verdict, detector, inspection
 * time) and the security events, and exits 0 when every verdict is the expected one.
 */
public final class Demo {

  /** One scripted request. */
  record Scenario(String function, String name, boolean expectBlock, BiFunction<Handlers, FakeContext, Object> call) {}

  /** The protected handlers, plus the unprotected ones for the exploit comparison. */
  record Handlers(
      RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> orders,
      RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> documents) {}

  private Demo() {}

  public static void main(String[] args) {
    System.exit(run(System.out));
  }

  static int run(PrintStream out) {
    List<SecurityEvent> events = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Verdict> last = new AtomicReference<>();
    Warden.Builder warden = Warden.builder().environment(Map.of()).sink(events::add)
        .observer((inv, v) -> last.set(v));
    Handlers h = new Handlers(warden.protect(new OrdersFunction()), warden.protect(new DocumentsFunction()));

    List<Scenario> scenarios = scenarios();
    warmUp(scenarios);
    out.println("Warden demo: " + scenarios.size() + " requests through protected sample functions (BLOCK mode),"
        + " after a silent warm-up (as SnapStart priming would do)");
    out.println();
    String fmt = "%-10s %-44s %-8s %-8s %-28s %10s  %s%n";
    out.printf(fmt, "function", "event", "expected", "verdict", "detector/rule", "inspect µs", "response");
    out.printf(fmt, "-".repeat(10), "-".repeat(44), "-".repeat(8), "-".repeat(8), "-".repeat(28), "-".repeat(10), "-".repeat(12));
    int wrong = 0;
    int n = 0;
    for (Scenario s : scenarios) {
      last.set(null);
      FakeContext ctx = FakeContext.builder().functionName(s.function()).requestId("demo-" + (++n)).build();
      String response;
      boolean blocked;
      try {
        Object r = s.call().apply(h, ctx);
        int status = status(r);
        blocked = status == 403;
        response = String.valueOf(status);
      } catch (WardenBlockedException e) {
        blocked = true;
        response = "WardenBlockedException";
      }
      Verdict v = last.get();
      String detector = v == null ? "-" : v.findings().stream().findFirst()
          .map(f -> f.detector() + "/" + f.rule()).orElse("-");
      String micros = v == null ? "-" : String.format("%.1f", v.nanos() / 1000.0);
      boolean ok = blocked == s.expectBlock();
      if (!ok) {
        wrong++;
      }
      out.printf(fmt, s.function(), s.name(), s.expectBlock() ? "block" : "allow",
          (blocked ? "block" : "allow") + (ok ? "" : " (!)"), detector, micros, response);
    }
    out.println();
    out.println("Without Warden, the same SQL injection against the unprotected function returns:");
    APIGatewayProxyResponseEvent leaked = new OrdersFunction().handleRequest(orders("shipped' OR '1'='1"), FakeContext.create());
    out.println("  " + leaked.getBody());
    out.println();
    out.println("Security events (one JSON line each, as written to the logger 'warden.security'):");
    synchronized (events) {
      for (SecurityEvent e : events) {
        out.println("  " + EventJson.render(e));
      }
    }
    out.println();
    if (wrong == 0) {
      out.println("All " + scenarios.size() + " verdicts as expected.");
      return 0;
    }
    out.println(wrong + " verdict(s) differ from the expectation (marked (!)).");
    return 1;
  }

  /**
   * Runs every scenario a few hundred times through separately built handlers, silently, so the
   * table shows steady-state inspection time (what SnapStart priming gives a function) rather than
   * the JVM's first, interpreted runs.
   */
  private static void warmUp(List<Scenario> scenarios) {
    Warden.Builder quiet = Warden.builder().environment(Map.of()).sink(e -> { });
    Handlers h = new Handlers(quiet.protect(new OrdersFunction()), quiet.protect(new DocumentsFunction()));
    FakeContext ctx = FakeContext.create();
    for (int i = 0; i < 300; i++) {
      for (Scenario s : scenarios) {
        try {
          s.call().apply(h, ctx);
        } catch (WardenBlockedException e) {
          // expected for some scenarios
        }
      }
    }
  }

  static List<Scenario> scenarios() {
    return List.of(
        new Scenario("orders", "GET orders?status=shipped", false, (h, c) -> h.orders().handleRequest(orders("shipped"), c)),
        new Scenario("orders", "status=O'Brien's pick (apostrophe prose)", false,
            (h, c) -> h.orders().handleRequest(orders("O'Brien's pick"), c)),
        new Scenario("orders", "status=shipped' OR '1'='1", true,
            (h, c) -> h.orders().handleRequest(orders("shipped' OR '1'='1"), c)),
        new Scenario("orders", "status=x' UNION SELECT ... FROM users--", true,
            (h, c) -> h.orders().handleRequest(orders("x' UNION SELECT id, name, pass, 1, 2 FROM users--"), c)),
        new Scenario("orders", "status=x'; DROP TABLE orders;--", true,
            (h, c) -> h.orders().handleRequest(orders("x'; DROP TABLE orders;--"), c)),
        new Scenario("documents", "GET ?name=report.txt", false, (h, c) -> h.documents().handleRequest(docs("report.txt"), c)),
        new Scenario("documents", "GET ?name=../../../../etc/passwd", true,
            (h, c) -> h.documents().handleRequest(docs("../../../../etc/passwd"), c)),
        new Scenario("documents", "GET ?name=..%2f..%2f..%2fetc%2fpasswd", true,
            (h, c) -> h.documents().handleRequest(docs("..%2f..%2f..%2fetc%2fpasswd"), c)),
        new Scenario("documents", "GET ?name=notes/v1.2..3-final.md", false,
            (h, c) -> h.documents().handleRequest(docs("notes/v1.2..3-final.md"), c)));
  }

  static APIGatewayProxyRequestEvent orders(String status) {
    APIGatewayProxyRequestEvent e = Fixtures.load("demo/orders-request.json", APIGatewayProxyRequestEvent.class);
    Map<String, String> q = new HashMap<>();
    q.put("status", status);
    e.setQueryStringParameters(q);
    e.setMultiValueQueryStringParameters(Map.of("status", List.of(status)));
    return e;
  }

  static APIGatewayV2HTTPEvent docs(String name) {
    APIGatewayV2HTTPEvent e = Fixtures.load("demo/documents-request.json", APIGatewayV2HTTPEvent.class);
    e.setQueryStringParameters(Map.of("name", name));
    e.setRawQueryString("name=" + name);
    return e;
  }

  private static int status(Object r) {
    if (r instanceof APIGatewayProxyResponseEvent) {
      return ((APIGatewayProxyResponseEvent) r).getStatusCode();
    }
    if (r instanceof APIGatewayV2HTTPResponse) {
      return ((APIGatewayV2HTTPResponse) r).getStatusCode();
    }
    return 0;
  }

  /** The first finding's detector, for tests. */
  static String detectorOf(Verdict v) {
    return v.findings().stream().findFirst().map(Finding::detector).orElse("");
  }
}
