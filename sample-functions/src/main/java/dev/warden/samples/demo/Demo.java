package dev.warden.samples.demo;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.warden.Verdict;
import dev.warden.WardenBlockedException;
import dev.warden.detect.Finding;
import dev.warden.event.EventJson;
import dev.warden.event.SecurityEvent;
import dev.warden.lambda.Warden;
import dev.warden.lambda.testing.FakeContext;
import dev.warden.samples.documents.DocumentsFunction;
import dev.warden.samples.orderevents.OrderEventsFunction;
import dev.warden.samples.orders.OrdersFunction;
import dev.warden.samples.preview.LinkPreviewFunction;
import dev.warden.samples.uploads.UploadProcessorFunction;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Replays scripted benign and hostile events through every protected sample function with a
 * {@link FakeContext}, prints a table (function, event, expected, verdict, detector, inspection
 * time), what the same attacks do to the unprotected functions, and the security events; exits 0
 * when every verdict is the expected one.
 *
 * <p>Deterministic and local: the only network is a loopback stand-in ({@link FakeInternet}), files
 * live in a temporary directory removed at the end, and the only process the upload processor
 * starts is {@code sh -c "wc -c ..."} on a file of that directory (plus, in the unprotected
 * comparison, the attacker's {@code touch} of a marker file there).
 */
public final class Demo {

  /** One scripted request: the event is built once, then replayed. */
  record Scenario(String function, String name, boolean expectBlock, Object event, Call call) {
    Object apply(Handlers h, FakeContext ctx) {
      return call.apply(h, event, ctx);
    }
  }

  /** Sends a scenario's event to one of the handlers. */
  @FunctionalInterface
  interface Call {
    Object apply(Handlers h, Object event, FakeContext ctx);
  }

  private static Scenario scenario(String function, String name, boolean expectBlock, Object event, Call call) {
    return new Scenario(function, name, expectBlock, event, call);
  }

  private static final Call ORDERS = (h, e, c) -> h.orders().handleRequest((APIGatewayProxyRequestEvent) e, c);
  private static final Call DOCUMENTS = (h, e, c) -> h.documents().handleRequest((APIGatewayV2HTTPEvent) e, c);
  private static final Call PREVIEW = (h, e, c) -> h.preview().handleRequest((APIGatewayV2HTTPEvent) e, c);
  private static final Call ORDER_EVENTS = (h, e, c) -> h.orderEvents().handleRequest((SQSEvent) e, c);
  private static final Call UPLOADS = (h, e, c) -> h.uploads().handleRequest((S3Event) e, c);

  /** The handlers a scenario runs against (protected in the table, unprotected in the comparison). */
  record Handlers(
      RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> orders,
      RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> documents,
      RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> preview,
      RequestHandler<SQSEvent, SQSBatchResponse> orderEvents,
      RequestHandler<S3Event, String> uploads) {}

  /** The unprotected functions and the files they work on, in one temporary directory. */
  static final class Lab implements AutoCloseable {
    final Path dir;
    final Path docs;
    final Path secret;
    final Path uploads;
    final Path marker;
    final FakeInternet internet;

    Lab() {
      try {
        dir = Files.createTempDirectory("warden-demo");
        docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("report.txt"), "Quarterly report: revenue up 12%.\n");
        Files.createDirectories(docs.resolve("notes"));
        Files.writeString(docs.resolve("notes/v1.2..3-final.md"), "# Release notes\n");
        secret = dir.resolve("db-password.txt");
        Files.writeString(secret, "FAKE-db-password-0000\n");
        uploads = Files.createDirectories(dir.resolve("uploads"));
        Files.writeString(uploads.resolve("report.csv"), "id,total\n1,249.00\n");
        Files.writeString(uploads.resolve("q1-summary.txt"), "Q1 was fine.\n");
        marker = dir.resolve("pwned");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare the demo directory", e);
      }
      internet = FakeInternet.start();
    }

    Handlers unprotected() {
      return new Handlers(new OrdersFunction(), new DocumentsFunction(docs), new LinkPreviewFunction(internet.client()),
          new OrderEventsFunction(), new UploadProcessorFunction(uploads));
    }

    Handlers protect(Warden.Builder w, Handlers h) {
      return new Handlers(w.protect(h.orders()), w.protect(h.documents()), w.protect(h.preview()),
          w.protect(h.orderEvents()), w.protect(h.uploads()));
    }

    @Override
    public void close() {
      internet.close();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // best effort: the temp directory is the operating system's to clean
      }
    }
  }

  /**
   * The policy comes from each function's annotation, with two changes. The inspection time budget
   * is raised from its 10 ms default, because the demo also runs on busy laptops and shared build
   * machines, where a descheduled thread alone can take that long. The runtime guards stay off:
   * they are JVM-wide, one policy per JVM as on Lambda (one function per execution environment),
   * and this JVM hosts five functions; {@code LambdaRuntimeAgentTest} shows them on the real
   * runtime client.
   */
  static final Map<String, String> DEMO_ENVIRONMENT = Map.of("WARDEN_TIME_BUDGET_MS", "1000", "WARDEN_GUARDS", "false");

  static final int WARM_UP_ROUNDS = 300;
  static final long WARM_UP_NANOS = 2_000_000_000L;

  private Demo() {}

  public static void main(String[] args) {
    System.exit(run(System.out));
  }

  static int run(PrintStream out) {
    try (Lab lab = new Lab()) {
      return run(out, lab);
    }
  }

  private static int run(PrintStream out, Lab lab) {
    List<SecurityEvent> events = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Verdict> last = new AtomicReference<>();
    List<String> metrics = Collections.synchronizedList(new ArrayList<>());
    Warden.Builder warden = Warden.builder().environment(DEMO_ENVIRONMENT).sink(events::add)
        .metricsOut(metrics::add).observer((inv, v) -> last.set(v));
    Handlers h = lab.protect(warden, lab.unprotected());

    List<Scenario> scenarios = scenarios();
    warmUp(scenarios);
    out.println("Warden demo: " + scenarios.size() + " events through five protected sample functions (BLOCK mode),"
        + " after a silent warm-up (as SnapStart priming would do)");
    out.println();
    String fmt = "%-12s %-46s %-8s %-8s %-30s %10s  %s%n";
    out.printf(fmt, "function", "event", "expected", "verdict", "detector/rule", "inspect µs", "response");
    out.printf(fmt, "-".repeat(12), "-".repeat(46), "-".repeat(8), "-".repeat(8), "-".repeat(30), "-".repeat(10), "-".repeat(12));
    int wrong = 0;
    int n = 0;
    for (Scenario s : scenarios) {
      last.set(null);
      FakeContext ctx = FakeContext.builder().functionName(s.function()).requestId("demo-" + (++n)).build();
      Outcome o = outcome(() -> s.apply(h, ctx));
      Verdict v = last.get();
      String detector = v == null ? "-" : v.findings().stream().findFirst()
          .map(f -> f.detector() + "/" + f.rule() + (v.findings().size() > 1 ? " +" + (v.findings().size() - 1) : ""))
          .orElse("-");
      String micros = v == null ? "-" : String.format("%.1f", v.nanos() / 1000.0);
      boolean ok = o.blocked() == s.expectBlock();
      if (!ok) {
        wrong++;
      }
      out.printf(fmt, s.function(), s.name(), s.expectBlock() ? "block" : "allow",
          (o.blocked() ? "block" : "allow") + (ok ? "" : " (!)"), detector, micros, o.response());
    }
    out.println();
    out.println("Without Warden, the same attacks against the unprotected functions:");
    exploits(lab, out);
    out.println();
    out.println("Security events (one JSON line each, as written to the logger 'warden.security'):");
    synchronized (events) {
      for (SecurityEvent e : events) {
        out.println("  " + EventJson.render(e));
      }
    }
    out.println();
    out.println("Metrics: one CloudWatch Embedded Metric Format line per invocation (on stdout in Lambda), e.g.:");
    synchronized (metrics) {
      metrics.stream().filter(m -> m.contains("\"Blocked\":1")).findFirst()
          .or(() -> metrics.stream().findFirst()).ifPresent(m -> out.println("  " + m));
    }
    out.println();
    if (wrong == 0) {
      out.println("All " + scenarios.size() + " verdicts as expected.");
      return 0;
    }
    out.println(wrong + " verdict(s) differ from the expectation (marked (!)).");
    return 1;
  }

  /** What a call returned, and whether Warden refused it (403, batch item failure, exception). */
  record Outcome(boolean blocked, String response) {}

  static Outcome outcome(java.util.function.Supplier<Object> call) {
    try {
      Object r = call.get();
      if (r instanceof APIGatewayProxyResponseEvent) {
        int status = ((APIGatewayProxyResponseEvent) r).getStatusCode();
        return new Outcome(status == 403, String.valueOf(status));
      }
      if (r instanceof APIGatewayV2HTTPResponse) {
        int status = ((APIGatewayV2HTTPResponse) r).getStatusCode();
        return new Outcome(status == 403, String.valueOf(status));
      }
      if (r instanceof SQSBatchResponse) {
        List<String> failed = ((SQSBatchResponse) r).getBatchItemFailures().stream()
            .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        return new Outcome(!failed.isEmpty(), "batchItemFailures=" + failed);
      }
      return new Outcome(false, "ok");
    } catch (WardenBlockedException e) {
      return new Outcome(true, "WardenBlockedException");
    }
  }

  /** Runs each attack once against fresh unprotected functions and says what it achieved. */
  private static void exploits(Lab lab, PrintStream out) {
    Handlers u = lab.unprotected();
    FakeContext ctx = FakeContext.create();
    out.println("  orders       SQL injection  -> " + u.orders().handleRequest(Events.orders("shipped' OR '1'='1"), ctx).getBody());
    String creds = u.preview().handleRequest(Events.preview(metadataUrl()), ctx).getBody();
    out.println("  preview      SSRF           -> " + creds);
    out.println("  documents    XXE            -> " + oneLine(u.documents().handleRequest(Events.documentUpload(xxe(lab.secret)), ctx).getBody()));
    out.println("  documents    path traversal -> " + oneLine(u.documents().handleRequest(Events.document("../db-password.txt"), ctx).getBody()));
    OrderEventsFunction consumer = (OrderEventsFunction) u.orderEvents();
    consumer.handleRequest(Events.orderEvents(Events.orderEvent(1, "shipped", refundAll())), ctx);
    out.println("  order-events SQL injection  -> orders now " + consumer.orders());
    u.uploads().handleRequest(Events.upload(injectedKey(lab.marker)), ctx);
    out.println("  uploads      OS command     -> marker file created by the attacker: " + Files.exists(lab.marker));
  }

  /**
   * Runs every scenario a few hundred times through separately built handlers, silently, so the
   * table shows steady-state inspection time (what SnapStart priming gives a function) rather than
   * the JVM's first, interpreted runs. The handlers behind Warden here do nothing: the warm-up
   * exercises inspection, not H2, processes or sockets.
   */
  private static void warmUp(List<Scenario> scenarios) {
    Warden.Builder quiet = Warden.builder().environment(DEMO_ENVIRONMENT).sink(e -> { }).metricsOut(line -> { });
    APIGatewayV2HTTPResponse ok = APIGatewayV2HTTPResponse.builder().withStatusCode(200).build();
    Handlers h = new Handlers(
        quiet.protect((RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>) (e, c) ->
            new APIGatewayProxyResponseEvent().withStatusCode(200)),
        quiet.protect((RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) (e, c) -> ok),
        quiet.protect((RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) (e, c) -> ok),
        quiet.protect((RequestHandler<SQSEvent, SQSBatchResponse>) (e, c) -> SQSBatchResponse.builder()
            .withBatchItemFailures(new ArrayList<>()).build()),
        quiet.protect((RequestHandler<S3Event, String>) (e, c) -> "ok"));
    FakeContext ctx = FakeContext.create();
    // Bounded in rounds and in wall time, so a slow machine still finishes the demo promptly.
    long stop = System.nanoTime() + WARM_UP_NANOS;
    for (int i = 0; i < WARM_UP_ROUNDS && System.nanoTime() < stop; i++) {
      for (Scenario s : scenarios) {
        outcome(() -> s.apply(h, ctx));
      }
    }
  }

  static String metadataUrl() {
    return "http://" + FakeInternet.METADATA_HOST + "/latest/meta-data/iam/security-credentials/" + FakeInternet.ROLE;
  }

  static String xxe(Path file) {
    return "<?xml version=\"1.0\"?><!DOCTYPE document [<!ENTITY secret SYSTEM \"" + file.toUri() + "\">]>"
        + "<document><title>&secret;</title></document>";
  }

  static String refundAll() {
    return "late'); UPDATE orders SET status = 'refunded' WHERE customer = 'C-2002'; --";
  }

  static String injectedKey(Path marker) {
    return "report.csv; touch " + marker;
  }

  static List<Scenario> scenarios() {
    return List.of(
        scenario("orders", "GET orders?status=shipped", false, Events.orders("shipped"), ORDERS),
        scenario("orders", "status=O'Brien's pick (apostrophe prose)", false, Events.orders("O'Brien's pick"), ORDERS),
        scenario("orders", "status=shipped' OR '1'='1", true, Events.orders("shipped' OR '1'='1"), ORDERS),
        scenario("orders", "status=x' UNION SELECT ... FROM users--", true,
            Events.orders("x' UNION SELECT id, name, pass, 1, 2 FROM users--"), ORDERS),
        scenario("orders", "status=x'; DROP TABLE orders;--", true, Events.orders("x'; DROP TABLE orders;--"), ORDERS),
        scenario("documents", "GET ?name=report.txt", false, Events.document("report.txt"), DOCUMENTS),
        scenario("documents", "GET ?name=notes/v1.2..3-final.md", false, Events.document("notes/v1.2..3-final.md"), DOCUMENTS),
        scenario("documents", "GET ?name=../../../../etc/passwd", true, Events.document("../../../../etc/passwd"), DOCUMENTS),
        scenario("documents", "GET ?name=..%2f..%2f..%2fetc%2fpasswd", true, Events.document("..%2f..%2f..%2fetc%2fpasswd"), DOCUMENTS),
        scenario("documents", "POST <document> (Q&amp;A title)", false, Events.documentUpload(
            "<document><title>Q&amp;A session</title><para>Bring questions.</para></document>"), DOCUMENTS),
        scenario("documents", "POST <!ENTITY x SYSTEM \"file:...\"> (XXE)", true,
            Events.documentUpload(xxe(Path.of("/etc/passwd"))), DOCUMENTS),
        scenario("preview", "GET ?url=http://news.example.com/coffee", false,
            Events.preview("http://" + FakeInternet.NEWS_HOST + "/coffee"), PREVIEW),
        scenario("preview", "GET ?url=http://169.254.169.254/latest/...", true, Events.preview(metadataUrl()), PREVIEW),
        scenario("preview", "GET ?url=http://0xA9FEA9FE/latest/meta-data/", true,
            Events.preview("http://0xA9FEA9FE/latest/meta-data/"), PREVIEW),
        scenario("order-events", "SQS batch: 2 status updates", false, Events.orderEvents(
            Events.orderEvent(1, "shipped", "left at the door"), Events.orderEvent(2, "shipped", "signed by the neighbour")),
            ORDER_EVENTS),
        scenario("order-events", "SQS batch: msg-1 note '); UPDATE orders ...", true, Events.orderEvents(
            Events.orderEvent(1, "shipped", "left at the door"), Events.orderEvent(4, "shipped", refundAll()),
            Events.orderEvent(2, "shipped", "ok")), ORDER_EVENTS),
        scenario("uploads", "S3 put report.csv", false, Events.upload("report.csv"), UPLOADS),
        scenario("uploads", "S3 put q1-summary.txt", false, Events.upload("q1-summary.txt"), UPLOADS),
        scenario("uploads", "S3 put \"report.csv; touch /tmp/pwned\"", true,
            Events.upload(injectedKey(Path.of("/tmp/pwned"))), UPLOADS),
        scenario("uploads", "S3 put \"$(curl 169.254.169.254).csv\"", true,
            Events.upload("$(curl 169.254.169.254).csv"), UPLOADS));
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').trim();
  }

  /** The first finding's detector, for tests. */
  static String detectorOf(Verdict v) {
    return v.findings().stream().findFirst().map(Finding::detector).orElse("");
  }
}
