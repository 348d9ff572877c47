package dev.warden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.event.InvocationMetrics;
import dev.warden.event.SecurityEvent;
import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import dev.warden.policy.Policy;
import dev.warden.testing.TestDetectors;
import dev.warden.testing.TestDetectors.ListSink;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The engine's event pipeline: metrics line, flood control, configured redaction. */
class EngineEventsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  final ListSink sink = new ListSink();
  final List<String> emf = new ArrayList<>();
  final AtomicLong nanos = new AtomicLong();
  final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

  Engine engine(Policy p) {
    return Engine.of(p, List.of(TestDetectors.marker("marker", "EVIL"), TestDetectors.marker("other", "BAD")), sink,
        Engine.Failures.CONTAIN, clock, nanos::get, emf::add);
  }

  static InputCollector inputs(Engine e, String... values) {
    InputCollector c = e.collector();
    for (int i = 0; i < values.length; i++) {
      c.value(Source.QUERY, "query.p" + i, values[i]);
    }
    return c;
  }

  @Test
  void run_blockedInvocation_writesOneEmfDocument() throws Exception {
    Engine e = engine(Policy.defaults());
    Invocation inv = Invocation.of("req-1", "orders");
    try (Engine.Run run = e.begin(inv)) {
      e.inspect(inv, inputs(e, "fine", "x EVIL", "y BAD"));
      InvocationMetrics.current().egressDenied();
      run.close();
    }
    assertThat(emf).hasSize(1);
    JsonNode n = JSON.readTree(emf.get(0));
    JsonNode directive = n.at("/_aws/CloudWatchMetrics/0");
    assertThat(n.at("/_aws/Timestamp").asLong()).isEqualTo(clock.millis());
    assertThat(directive.path("Namespace").asText()).isEqualTo("Warden");
    assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"FunctionName\"],[\"FunctionName\",\"Detector\"]]");
    assertThat(directive.path("Metrics").findValuesAsText("Name"))
        .containsExactly("Inspected", "Detected", "Blocked", "EgressDenied", "GuardErrors", "InspectionTime");
    assertThat(directive.path("Metrics").get(5).path("Unit").asText()).isEqualTo("Milliseconds");
    assertThat(n.path("FunctionName").asText()).isEqualTo("orders");
    assertThat(n.path("Detector").asText()).isEqualTo("marker");
    assertThat(n.path("Inspected").asLong()).isEqualTo(1);
    assertThat(n.path("Detected").asLong()).isEqualTo(2);
    assertThat(n.path("Blocked").asLong()).isEqualTo(1);
    assertThat(n.path("EgressDenied").asLong()).isEqualTo(1);
    assertThat(n.path("GuardErrors").asLong()).isZero();
    assertThat(n.path("InspectionTime").isNumber()).isTrue();
    assertThat(emf.get(0)).doesNotContain("\n");
  }

  @Test
  void run_benignInvocationWithGuardError_hasNoDetectorDimensionAndCountsError() throws Exception {
    Engine e = Engine.of(Policy.defaults(), List.of(TestDetectors.throwing("broken")), sink, Engine.Failures.CONTAIN,
        clock, nanos::get, emf::add);
    Invocation inv = Invocation.of("req-2", "orders");
    try (Engine.Run run = e.begin(inv)) {
      e.inspect(inv, inputs(e, "hello"));
    }
    JsonNode n = JSON.readTree(emf.get(0));
    assertThat(n.at("/_aws/CloudWatchMetrics/0/Dimensions").toString()).isEqualTo("[[\"FunctionName\"]]");
    assertThat(n.has("Detector")).isFalse();
    assertThat(n.path("GuardErrors").asLong()).isEqualTo(1);
  }

  @Test
  void run_metricsOff_writesNothing() {
    Engine e = engine(Policy.builder().environment(Map.of("WARDEN_METRICS", "off")).build());
    Invocation inv = Invocation.of("req-3", "orders");
    try (Engine.Run run = e.begin(inv)) {
      e.inspect(inv, inputs(e, "x EVIL"));
    }
    assertThat(emf).isEmpty();
    assertThat(sink.events()).hasSize(1);
  }

  @Test
  void inspect_floodOfFindings_capsEventsAndSummarizesAtNextInvocation() {
    Engine e = engine(Policy.builder().environment(Map.of("WARDEN_MAX_EVENTS_PER_INVOCATION", "5")).build());
    String[] values = new String[30];
    java.util.Arrays.fill(values, "EVIL");
    Invocation first = Invocation.of("req-1", "orders");
    try (Engine.Run run = e.begin(first)) {
      e.inspect(first, inputs(e, values));
    }
    assertThat(sink.ofKind(SecurityEvent.FINDING)).hasSize(5);
    Invocation second = Invocation.of("req-2", "orders");
    try (Engine.Run run = e.begin(second)) {
      e.inspect(second, inputs(e, "calm"));
    }
    assertThat(sink.ofKind(SecurityEvent.SUPPRESSED)).singleElement()
        .satisfies(s -> assertThat(s.counts()).containsEntry(SecurityEvent.SUPPRESSED, 25L));
  }

  @Test
  void inspect_configuredFieldsAndPatterns_redactEvidenceAndRequest() {
    Engine e = engine(Policy.builder().environment(Map.of(
        "WARDEN_REDACT_PATTERNS", "ACME-[0-9]{6}\ninternal-[a-z]+",
        "WARDEN_REDACT_FIELDS", "ssn, memberPin")).build());
    Invocation inv = new Invocation("req-4", "orders", "1", "", "apigateway-rest",
        Map.of("user-agent", "bot ACME-654321", "path", "/internal-secrets"));
    InputCollector c = e.collector();
    c.value(Source.QUERY, "query.q", "EVIL ACME-123456 ssn=078-05-1120");
    c.value(Source.BODY, "body.memberPin", "EVIL 9876");
    e.inspect(inv, c);
    List<SecurityEvent> events = sink.ofKind(SecurityEvent.FINDING);
    assertThat(events).hasSize(2);
    assertThat(events.get(0).finding().evidence()).doesNotContain("ACME-123456", "078-05-1120").contains("EVIL");
    assertThat(events.get(1).finding().evidence()).isEqualTo("[REDACTED:secret-location]");
    assertThat(events.get(0).invocation().request().get("user-agent")).doesNotContain("ACME-654321");
    assertThat(events.get(0).invocation().request().get("path")).doesNotContain("internal-secrets");
  }
}
