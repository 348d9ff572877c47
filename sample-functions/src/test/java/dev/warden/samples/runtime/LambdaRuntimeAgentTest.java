package dev.warden.samples.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.warden.lambda.testing.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The link-preview sample on the real AWS Lambda runtime client with Warden's agent switched on
 * the way Lambda does it ({@code JAVA_TOOL_OPTIONS=-javaagent:...}). The attack here is one the
 * input detectors cannot see: a public-looking host name ({@code wiki.corp-example.com}) that
 * resolves to an internal address ({@code 127.0.0.2}, through {@code jdk.net.hosts.file}). The
 * egress allow-list ({@code WARDEN_EGRESS=news.example.com}) refuses the connection itself; the
 * refusal is logged, the internal server never sees a request, and the runtime goes on serving.
 */
class LambdaRuntimeAgentTest {

  static final Path AGENT = Path.of("").toAbsolutePath().resolve("../lambda-adapter/target/warden-agent.jar").normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path task;

  static java.util.stream.Stream<String> javas() {
    return LambdaRuntimeTest.javas();
  }

  /** A loopback HTTP server on {@code address} that counts requests and answers {@code body}. */
  static HttpServer serve(String address, String body, AtomicInteger hits) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 8);
    s.createContext("/", x -> {
      try (x) {
        hits.incrementAndGet();
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/html");
        x.sendResponseHeaders(200, b.length);
        try (OutputStream out = x.getResponseBody()) {
          out.write(b);
        }
      }
    });
    s.start();
    return s;
  }

  static String previewEvent(String url) throws IOException {
    ObjectNode e = (ObjectNode) JSON.readTree(Fixtures.text("demo/preview-request.json"));
    ((ObjectNode) e.get("queryStringParameters")).put("url", url);
    e.put("rawQueryString", "url=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
    return JSON.writeValueAsString(e);
  }

  @ParameterizedTest
  @MethodSource("javas")
  void linkPreviewWithAgent_hostNameResolvingInside_connectionRefusedLoggedAndRuntimeServesOn(String java)
      throws Exception {
    assumeTrue(Files.isRegularFile(AGENT), AGENT + " is built by the lambda-adapter module's package phase");
    DeploymentPackage.layout(task);
    Path log = task.resolve("runtime.log");
    AtomicInteger newsHits = new AtomicInteger();
    AtomicInteger internalHits = new AtomicInteger();
    HttpServer news = serve("127.0.0.1", "<html><head><title>Coffee prices</title></head><body>Arabica.</body></html>", newsHits);
    HttpServer internal = serve("127.0.0.2", "<html><title>internal wiki: deploy keys</title></html>", internalHits);
    Path hosts = task.resolve("hosts");
    Files.writeString(hosts, "127.0.0.1 news.example.com\n127.0.0.2 wiki.corp-example.com\n");
    try (FakeRuntimeApi api = new FakeRuntimeApi()) {
      ProcessBuilder pb = new ProcessBuilder(java, "-cp", DeploymentPackage.runtimeClientJar().toString(),
          LambdaRuntimeTest.MAIN, LambdaRuntimeTest.HANDLER)
          .directory(task.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      env.put("JAVA_TOOL_OPTIONS", "-javaagent:" + AGENT + " -Djdk.net.hosts.file=" + hosts);
      env.put("AWS_LAMBDA_RUNTIME_API", api.address());
      env.put("LAMBDA_TASK_ROOT", task.toString());
      env.put("AWS_LAMBDA_FUNCTION_NAME", "link-preview");
      env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
      env.put("AWS_REGION", "us-east-1");
      env.put("WARDEN_HANDLER", "dev.warden.samples.preview.LinkPreviewFunction::handleRequest");
      env.put("WARDEN_EGRESS", "news.example.com");
      env.put("WARDEN_TIME_BUDGET_MS", "5000");
      Process child = pb.start();
      try {
        int newsPort = news.getAddress().getPort();
        int internalPort = internal.getAddress().getPort();

        FakeRuntimeApi.Result benign = LambdaRuntimeTest.await(
            api.invoke("req-news", previewEvent("http://news.example.com:" + newsPort + "/coffee")), child, log);
        JsonNode b = JSON.readTree(benign.body());
        assertThat(b.get("statusCode").asInt()).as(LambdaRuntimeTest.read(log)).isEqualTo(200);
        assertThat(b.get("body").asText()).contains("Coffee prices");

        FakeRuntimeApi.Result hostile = LambdaRuntimeTest.await(
            api.invoke("req-wiki", previewEvent("http://wiki.corp-example.com:" + internalPort + "/")), child, log);
        JsonNode h = JSON.readTree(hostile.body());
        // Not an input finding: the function ran, and its connection was refused (502 from the function).
        assertThat(h.get("statusCode").asInt()).as(LambdaRuntimeTest.read(log)).isEqualTo(502);
        assertThat(h.get("body").asText()).doesNotContain("deploy keys");
        assertThat(internalHits).hasValue(0);

        FakeRuntimeApi.Result after = LambdaRuntimeTest.await(
            api.invoke("req-after", previewEvent("http://news.example.com:" + newsPort + "/again")), child, log);
        assertThat(JSON.readTree(after.body()).get("statusCode").asInt()).isEqualTo(200);
        assertThat(newsHits).hasValue(2);
        LambdaRuntimeTest.waitForNext(api, 4, child);
        assertThat(LambdaRuntimeTest.read(log)).contains("guard-violation", "127.0.0.2");
      } finally {
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        news.stop(0);
        internal.stop(0);
      }
    }
  }
}
