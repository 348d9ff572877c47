package dev.warden.samples.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The AWS Lambda Runtime API, enough of it for the real runtime interface client: {@code GET
 * /2018-06-01/runtime/invocation/next} hands out queued events with the
 * {@code Lambda-Runtime-Aws-Request-Id}, {@code Lambda-Runtime-Deadline-Ms} and
 * {@code Lambda-Runtime-Invoked-Function-Arn} headers (AWS Lambda Developer Guide, "Using the
 * Lambda runtime API for custom runtimes"); {@code POST .../invocation/{id}/response},
 * {@code .../invocation/{id}/error} and {@code /runtime/init/error} are recorded and answered 202.
 *
 * <p>When no event is queued, {@code /next} is held open, as Lambda does between invocations: the
 * client's native HTTP code must never get a malformed reply (it ends the JVM), so a test ends the
 * child JVM while {@code /next} is pending and then closes this server. Loopback only.
 */
final class FakeRuntimeApi implements AutoCloseable {

  static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders";

  /** What the client posted for one invocation: {@code response} or {@code error}, and the body. */
  record Result(String kind, String body) {}

  private record Invocation(String requestId, String event) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fake-runtime-api");
    t.setDaemon(true);
    return t;
  });
  private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
  private final Map<String, CompletableFuture<Result>> results = new ConcurrentHashMap<>();
  private final CompletableFuture<String> initError = new CompletableFuture<>();
  private final java.util.concurrent.atomic.AtomicInteger nextCalls = new java.util.concurrent.atomic.AtomicInteger();

  FakeRuntimeApi() throws IOException {
    // Without TCP_NODELAY the JDK server's split header/body writes wait for delayed ACKs.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(executor);
    server.createContext("/2018-06-01/runtime/", this::serve);
    server.start();
  }

  /** {@code host:port} for {@code AWS_LAMBDA_RUNTIME_API}. */
  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Queues one event; the future completes when the client posts its response or error. */
  CompletableFuture<Result> invoke(String requestId, String eventJson) {
    CompletableFuture<Result> f = results.computeIfAbsent(requestId, k -> new CompletableFuture<>());
    queue.add(new Invocation(requestId, eventJson));
    return f;
  }

  CompletableFuture<String> initError() {
    return initError;
  }

  /** How many times the client has asked for the next event. */
  int nextCalls() {
    return nextCalls.get();
  }

  private void serve(HttpExchange x) throws IOException {
    try (x) {
      String path = x.getRequestURI().getPath();
      String method = x.getRequestMethod();
      if (method.equals("GET") && path.equals("/2018-06-01/runtime/invocation/next")) {
        nextCalls.incrementAndGet();
        Invocation inv;
        try {
          inv = queue.take(); // held open until an event is queued or the server is closed
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return; // closing: the child JVM is already gone
        }
        byte[] body = inv.event().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", inv.requestId());
        x.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms",
            Long.toString(System.currentTimeMillis() + Duration.ofMinutes(5).toMillis()));
        x.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
        x.getResponseHeaders().set("Lambda-Runtime-Trace-Id", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1");
        x.sendResponseHeaders(200, body.length);
        try (OutputStream out = x.getResponseBody()) {
          out.write(body);
        }
        return;
      }
      String posted = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (method.equals("POST") && path.equals("/2018-06-01/runtime/init/error")) {
        initError.complete(posted);
        accepted(x);
        return;
      }
      String prefix = "/2018-06-01/runtime/invocation/";
      if (method.equals("POST") && path.startsWith(prefix)) {
        String rest = path.substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash > 0) {
          String id = rest.substring(0, slash);
          String kind = rest.substring(slash + 1);
          results.computeIfAbsent(id, k -> new CompletableFuture<>()).complete(new Result(kind, posted));
          accepted(x);
          return;
        }
      }
      x.sendResponseHeaders(404, -1);
    }
  }

  private static void accepted(HttpExchange x) throws IOException {
    byte[] ok = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(202, ok.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(ok);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
