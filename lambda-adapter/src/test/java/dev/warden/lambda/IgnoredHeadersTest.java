package dev.warden.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.warden.event.SecurityEvent;
import dev.warden.lambda.TestSupport.ListSink;
import dev.warden.lambda.testing.FakeContext;
import dev.warden.lambda.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The list of headers not inspected comes from the policy: defaults, annotation, environment. */
class IgnoredHeadersTest {

  private final ListSink sink = new ListSink();
  private final FakeContext ctx = FakeContext.builder().requestId("req-h").build();

  @BeforeEach
  void reset() {
    Handlers.CALLS.set(0);
  }

  private static APIGatewayProxyRequestEvent withHeader(String name, String value) {
    APIGatewayProxyRequestEvent e = Fixtures.load("events/apigw-rest.json", APIGatewayProxyRequestEvent.class);
    e.getHeaders().put(name, value);
    e.getMultiValueHeaders().put(name, List.of(value));
    return e;
  }

  private int status(Handlers.Orders handler, Map<String, String> env, APIGatewayProxyRequestEvent e) {
    APIGatewayProxyResponseEvent r = TestSupport.builder(sink, TestSupport.patient(env), TestSupport.MARKER).protect(handler).handleRequest(e, ctx);
    return r.getStatusCode();
  }

  @Test
  void defaults_transportHeaderNotInspected() {
    assertThat(status(new Handlers.Orders(), Map.of(), withHeader("Via", "1.1 EVIL"))).isEqualTo(200);
  }

  @Test
  void emptyListFromEnvironment_everyHeaderInspected() {
    assertThat(status(new Handlers.Orders(), Map.of("WARDEN_IGNORED_HEADERS", ","), withHeader("Via", "1.1 EVIL")))
        .isEqualTo(403);
    assertThat(sink.ofKind(SecurityEvent.FINDING)).singleElement()
        .satisfies(ev -> assertThat(ev.finding().location()).isEqualTo("header.via"));
  }

  @Test
  void environmentAddsAPrefix_matchingHeadersNotInspected() {
    Map<String, String> env = Map.of("WARDEN_IGNORED_HEADERS", "defaults,x-partner-*");
    assertThat(status(new Handlers.Orders(), env, withHeader("X-Partner-Sig", "EVIL"))).isEqualTo(200);
    assertThat(status(new Handlers.Orders(), env, withHeader("X-Other", "EVIL"))).isEqualTo(403);
  }

  @Test
  void annotation_addsUserAgent() {
    assertThat(status(new Handlers.IgnoringOrders(), Map.of(), withHeader("User-Agent", "EVIL"))).isEqualTo(200);
    assertThat(status(new Handlers.IgnoringOrders(), Map.of(), withHeader("Via", "EVIL"))).isEqualTo(200);
    assertThat(status(new Handlers.Orders(), Map.of(), withHeader("User-Agent", "EVIL"))).isEqualTo(403);
  }
}
