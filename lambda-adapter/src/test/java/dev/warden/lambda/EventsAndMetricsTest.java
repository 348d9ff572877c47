package dev.warden.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.event.EventJson;
import dev.warden.event.SecurityEvent;
import dev.warden.lambda.TestSupport.ListSink;
import dev.warden.lambda.testing.FakeContext;
import dev.warden.lambda.testing.Fixtures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wrapper writes one metrics line per invocation and applies the annotation's event settings. */
class EventsAndMetricsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  final ListSink sink = new ListSink();
  final List<String> metrics = Collections.synchronizedList(new ArrayList<>());

  static APIGatewayProxyRequestEvent rest(Map<String, String> query) {
    APIGatewayProxyRequestEvent e = Fixtures.load("events/apigw-rest.json", APIGatewayProxyRequestEvent.class);
    Map<String, String> q = new HashMap<>(e.getQueryStringParameters());
    q.putAll(query);
    e.setQueryStringParameters(q);
    e.setMultiValueQueryStringParameters(null);
    return e;
  }

  <I, O> RequestHandler<I, O> protect(RequestHandler<I, O> h, Map<String, String> env) {
    return TestSupport.builder(sink, env, TestSupport.MARKER).metricsOut(metrics::add).protect(h);
  }

  static FakeContext ctx(String requestId) {
    return FakeContext.builder().requestId(requestId).functionName("orders").build();
  }

  @Test
  void invocations_eachWriteExactlyOneEmfLine() throws Exception {
    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> h = protect(new Handlers.Orders(), Map.of());
    h.handleRequest(rest(Map.of("status", "open")), ctx("req-1"));
    h.handleRequest(rest(Map.of("status", "x EVIL")), ctx("req-2"));
    assertThat(metrics).hasSize(2);
    JsonNode benign = JSON.readTree(metrics.get(0));
    JsonNode blocked = JSON.readTree(metrics.get(1));
    assertThat(benign.path("Blocked").asLong()).isZero();
    assertThat(benign.path("RequestId").asText()).isEqualTo("req-1");
    assertThat(blocked.path("Blocked").asLong()).isEqualTo(1);
    assertThat(blocked.path("Detector").asText()).isEqualTo("marker");
    assertThat(blocked.path("FunctionName").asText()).isEqualTo("orders");
  }

  @Test
  void metricsOffByEnvironment_writesNoLine() {
    protect(new Handlers.Orders(), Map.of("WARDEN_METRICS", "off")).handleRequest(rest(Map.of("status", "x EVIL")), ctx("r"));
    assertThat(metrics).isEmpty();
    assertThat(sink.ofKind(SecurityEvent.FINDING)).hasSize(1);
  }

  @Test
  void annotation_metricsOffCapAndRedaction_apply() {
    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> h =
        protect(new Handlers.QuietOrders(), Map.of());
    h.handleRequest(rest(Map.of("a", "EVIL 1", "b", "EVIL 2", "c", "EVIL ACME-123456", "orderSecret", "EVIL s3cr3t")),
        ctx("req-1"));
    assertThat(metrics).isEmpty();
    assertThat(sink.ofKind(SecurityEvent.FINDING)).hasSize(2);
    h.handleRequest(rest(Map.of("status", "open")), ctx("req-2"));
    assertThat(sink.ofKind(SecurityEvent.SUPPRESSED)).singleElement()
        .satisfies(s -> assertThat(s.counts()).containsEntry(SecurityEvent.SUPPRESSED, 2L));
    for (SecurityEvent e : sink.events) {
      assertThat(EventJson.render(e)).doesNotContain("ACME-123456", "s3cr3t");
    }
  }
}
