package dev.warden.samples.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.lambda.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The orders sample deployed as Lambda deploys it and run by the REAL AWS Lambda Java runtime
 * interface client ({@code com.amazonaws:aws-lambda-java-runtime-interface-client}, native part
 * included) in a child JVM, against a fake Runtime API on loopback. The handler string is Warden's
 * zero-code handler, {@code WARDEN_HANDLER} names the function: no code change.
 */
class LambdaRuntimeTest {

  static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  static final String HANDLER = "dev.warden.lambda.WardenHandler::handleRequest";
  static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path task;

  /** The JVM running the tests (JDK 17 in the build) and, when installed, JDK 25. */
  static Stream<String> javas() {
    List<String> javas = new ArrayList<>();
    Path current = Path.of(System.getProperty("java.home"), "bin", "java");
    javas.add(current.toString());
    if (Files.isExecutable(JDK25) && !sameFile(current, JDK25)) {
      javas.add(JDK25.toString());
    }
    return javas.stream();
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return a.toRealPath().equals(b.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  static String ordersEvent(String status) throws IOException {
    ObjectNode e = (ObjectNode) JSON.readTree(Fixtures.text("demo/orders-request.json"));
    ((ObjectNode) e.get("queryStringParameters")).put("status", status);
    ((ObjectNode) e.get("multiValueQueryStringParameters")).putArray("status").add(status);
    return JSON.writeValueAsString(e);
  }

  @ParameterizedTest
  @MethodSource("javas")
  void ordersBehindWardenHandler_realRuntimeClient_benignAnswered200AttackRefused403(String java) throws Exception {
    DeploymentPackage.layout(task);
    Path log = task.resolve("runtime.log");
    try (FakeRuntimeApi api = new FakeRuntimeApi()) {
      ProcessBuilder pb = new ProcessBuilder(java, "-cp", DeploymentPackage.runtimeClientJar().toString(), MAIN, HANDLER)
          .directory(task.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      env.remove("JAVA_TOOL_OPTIONS");
      env.put("AWS_LAMBDA_RUNTIME_API", api.address());
      env.put("LAMBDA_TASK_ROOT", task.toString());
      env.put("AWS_LAMBDA_FUNCTION_NAME", "orders");
      env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
      env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
      env.put("AWS_REGION", "us-east-1");
      env.put("WARDEN_HANDLER", "dev.warden.samples.orders.OrdersFunction::handleRequest");
      env.put("WARDEN_TIME_BUDGET_MS", "5000"); // a cold JVM on a busy machine; verdicts are under test here
      long started = System.nanoTime();
      Process child = pb.start();
      try {
        FakeRuntimeApi.Result benign = await(api.invoke("req-benign", ordersEvent("shipped")), child, log);
        // A measurement for the record (not an assertion): JVM start, runtime client, Warden init, first answer.
        System.out.printf("runtime client on %s: first response %d ms after process start%n", java,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(benign.kind()).as(read(log)).isEqualTo("response");
        assertThat(JSON.readTree(benign.body()).get("statusCode").asInt()).isEqualTo(200);
        assertThat(benign.body()).contains("Espresso machine").doesNotContain("C-2002");

        FakeRuntimeApi.Result attack = await(api.invoke("req-attack", ordersEvent("shipped' OR '1'='1")), child, log);
        assertThat(attack.kind()).as(read(log)).isEqualTo("response");
        assertThat(JSON.readTree(attack.body()).get("statusCode").asInt()).isEqualTo(403);
        assertThat(attack.body()).doesNotContain("C-2002").contains("req-attack");

        // The runtime keeps serving after a refusal, and the refusal was logged as a security event.
        FakeRuntimeApi.Result again = await(api.invoke("req-after", ordersEvent("pending")), child, log);
        assertThat(JSON.readTree(again.body()).get("statusCode").asInt()).isEqualTo(200);
        waitForNext(api, 4, child);
        assertThat(read(log)).contains("\"disposition\":\"blocked\"", "\"rule\":\"tautology\"", "\"request_id\":\"req-attack\"");
      } finally {
        // /next is held open now; end the child before the server so the client never reads a bad reply.
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  static FakeRuntimeApi.Result await(java.util.concurrent.CompletableFuture<FakeRuntimeApi.Result> f, Process child, Path log)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      try {
        return f.get(200, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (!child.isAlive()) {
          throw new AssertionError("the runtime exited with " + child.exitValue() + ":\n" + read(log));
        }
      }
    }
    throw new AssertionError("no answer from the runtime within 90 s:\n" + read(log));
  }

  /** Waits until the client asked for event number {@code n} (it has finished the one before). */
  static void waitForNext(FakeRuntimeApi api, int n, Process child) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (api.nextCalls() < n && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }
}
