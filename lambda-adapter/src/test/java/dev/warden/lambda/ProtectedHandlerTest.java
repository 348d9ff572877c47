package dev.warden.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import dev.warden.WardenBlockedException;
import dev.warden.event.SecurityEvent;
import dev.warden.lambda.TestSupport.ListSink;
import dev.warden.lambda.testing.FakeContext;
import dev.warden.lambda.testing.Fixtures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProtectedHandlerTest {

  private final ListSink sink = new ListSink();
  private final FakeContext ctx = FakeContext.builder().requestId("req-42").functionName("orders").build();

  @BeforeEach
  void reset() {
    Handlers.CALLS.set(0);
    Handlers.LAST.set(null);
  }

  private static APIGatewayProxyRequestEvent rest() {
    return Fixtures.load("events/apigw-rest.json", APIGatewayProxyRequestEvent.class);
  }

  private static APIGatewayProxyRequestEvent restWithQuery(String name, String value) {
    APIGatewayProxyRequestEvent e = rest();
    Map<String, String> q = new HashMap<>(e.getQueryStringParameters());
    q.put(name, value);
    e.setQueryStringParameters(q);
    e.setMultiValueQueryStringParameters(null);
    return e;
  }

  private <I, O> RequestHandler<I, O> protect(RequestHandler<I, O> h, Map<String, String> env) {
    return TestSupport.builder(sink, env, TestSupport.MARKER).protect(h);
  }

  @Test
  void benignEvent_reachesHandlerUnchanged() {
    APIGatewayProxyRequestEvent e = rest();
    String before = e.toString();
    APIGatewayProxyResponseEvent r = protect(new Handlers.Orders(), Map.of()).handleRequest(e, ctx);
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(Handlers.CALLS).hasValue(1);
    assertThat(Handlers.LAST.get()).isSameAs(e);
    assertThat(e.toString()).isEqualTo(before);
    assertThat(sink.events).isEmpty();
  }

  @Test
  void attack_blockMode_returnsRest403AndHandlerNotCalled() {
    APIGatewayProxyResponseEvent r = protect(new Handlers.Orders(), Map.of())
        .handleRequest(restWithQuery("status", "x EVIL"), ctx);
    assertThat(r.getStatusCode()).isEqualTo(403);
    assertThat(r.getBody()).isEqualTo("{\"message\":\"Forbidden\",\"requestId\":\"req-42\"}");
    assertThat(r.getHeaders()).containsEntry("Content-Type", "application/json");
    assertThat(Handlers.CALLS).hasValue(0);
    assertThat(sink.ofKind(SecurityEvent.FINDING)).singleElement().satisfies(ev -> {
      assertThat(ev.disposition()).isEqualTo("blocked");
      assertThat(ev.finding().location()).isEqualTo("query.status");
      assertThat(ev.invocation().functionName()).isEqualTo("orders");
      assertThat(ev.invocation().trigger()).isEqualTo("apigateway-rest");
      assertThat(ev.invocation().request()).containsEntry("source-ip", "198.51.100.7").containsEntry("method", "GET");
    });
  }

  @Test
  void attack_httpApi_returnsV2Response403() {
    APIGatewayV2HTTPEvent e = Fixtures.load("events/apigw-http.json", APIGatewayV2HTTPEvent.class);
    e.setBody("{\"url\":\"EVIL\"}");
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> h =
        protect((ev, c) -> APIGatewayV2HTTPResponse.builder().withStatusCode(200).build(), Map.of());
    APIGatewayV2HTTPResponse r = h.handleRequest(e, ctx);
    assertThat(r.getStatusCode()).isEqualTo(403);
    assertThat(r.getBody()).contains("\"requestId\":\"req-42\"");
    assertThat(sink.ofKind(SecurityEvent.FINDING)).singleElement()
        .satisfies(ev -> assertThat(ev.finding().location()).isEqualTo("body.url"));
  }

  @Test
  void attack_alb_returnsAlbResponse403() {
    ApplicationLoadBalancerRequestEvent e = Fixtures.load("events/alb.json", ApplicationLoadBalancerRequestEvent.class);
    e.setHeaders(new HashMap<>(e.getHeaders()));
    e.getHeaders().put("referer", "EVIL");
    RequestHandler<ApplicationLoadBalancerRequestEvent, ApplicationLoadBalancerResponseEvent> h =
        protect((ev, c) -> new ApplicationLoadBalancerResponseEvent(), Map.of());
    ApplicationLoadBalancerResponseEvent r = h.handleRequest(e, ctx);
    assertThat(r.getStatusCode()).isEqualTo(403);
    assertThat(r.getStatusDescription()).isEqualTo("403 Forbidden");
    assertThat(sink.events.get(0).finding().location()).isEqualTo("header.referer");
  }

  @Test
  void attack_outputTypeCannotHoldRefusal_throwsBlockException() {
    RequestHandler<APIGatewayProxyRequestEvent, String> h = protect(new Handlers.StringOut(), Map.of());
    assertThatThrownBy(() -> h.handleRequest(restWithQuery("q", "EVIL"), ctx))
        .isInstanceOf(WardenBlockedException.class).hasMessageContaining("req-42").hasMessageNotContaining("EVIL");
    assertThat(Handlers.CALLS).hasValue(0);
  }

  @Test
  void attack_nonHttpEvent_throwsBlockExceptionWithVerdict() {
    RequestHandler<Map<String, Object>, Map<String, Object>> h = protect(new Handlers.MapHandler(), Map.of());
    Map<String, Object> event = Map.of("order", Map.of("note", List.of("fine", "EVIL")));
    assertThatThrownBy(() -> h.handleRequest(event, ctx)).isInstanceOfSatisfying(WardenBlockedException.class,
        ex -> assertThat(ex.finding()).get().extracting(f -> f.location()).isEqualTo("event.order.note[1]"));
    assertThat(Handlers.CALLS).hasValue(0);
  }

  @Test
  void monitorAnnotation_callsHandlerAndLogsFinding() {
    APIGatewayProxyResponseEvent r = protect(new Handlers.MonitoredOrders(), Map.of())
        .handleRequest(restWithQuery("status", "EVIL"), ctx);
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(Handlers.CALLS).hasValue(1);
    assertThat(sink.ofKind(SecurityEvent.FINDING)).singleElement()
        .extracting(SecurityEvent::disposition).isEqualTo("alerted");
  }

  @Test
  void environmentBeatsAnnotation_beatsDefault() {
    // default (no annotation): BLOCK
    assertThat(protect(new Handlers.Orders(), Map.of()).handleRequest(restWithQuery("q", "EVIL"), ctx)
        .getStatusCode()).isEqualTo(403);
    // annotation: MONITOR beats the default
    assertThat(protect(new Handlers.MonitoredOrders(), Map.of()).handleRequest(restWithQuery("q", "EVIL"), ctx)
        .getStatusCode()).isEqualTo(200);
    // environment: BLOCK beats the annotation
    assertThat(protect(new Handlers.MonitoredOrders(), Map.of("WARDEN_MODE", "block"))
        .handleRequest(restWithQuery("q", "EVIL"), ctx).getStatusCode()).isEqualTo(403);
    // environment: OFF beats the default
    assertThat(protect(new Handlers.Orders(), Map.of("WARDEN_MODE", "off"))
        .handleRequest(restWithQuery("q", "EVIL"), ctx).getStatusCode()).isEqualTo(200);
  }

  @Test
  void annotationExclusion_appliesAndEnvironmentReplacesIt() {
    assertThat(protect(new Handlers.ExcludingOrders(), Map.of()).handleRequest(restWithQuery("note", "EVIL"), ctx)
        .getStatusCode()).isEqualTo(200);
    assertThat(protect(new Handlers.ExcludingOrders(), Map.of("WARDEN_EXCLUSIONS", "marker@query.other"))
        .handleRequest(restWithQuery("note", "EVIL"), ctx).getStatusCode()).isEqualTo(403);
  }

  @Test
  void badAnnotationOrEnvironment_failsAtInitNamingTheSetting() {
    assertThatThrownBy(() -> protect(new Handlers.Orders(), Map.of("WARDEN_MODE", "loud")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WARDEN_MODE");
  }

  @Test
  void throwingDetector_failOpen_handlerRunsAndOneGuardError() {
    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> h =
        TestSupport.builder(sink, Map.of(), TestSupport.THROWING).protect(new Handlers.Orders());
    assertThat(h.handleRequest(rest(), ctx).getStatusCode()).isEqualTo(200);
    assertThat(Handlers.CALLS).hasValue(1);
    assertThat(sink.events).singleElement().satisfies(ev -> {
      assertThat(ev.kind()).isEqualTo(SecurityEvent.GUARD_ERROR);
      assertThat(ev.disposition()).isEqualTo("allowed");
    });
  }

  @Test
  void throwingDetector_failClosed_refuses() {
    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> h =
        TestSupport.builder(sink, Map.of("WARDEN_FAIL_CLOSED", "true"), TestSupport.THROWING)
            .protect(new Handlers.Orders());
    assertThat(h.handleRequest(rest(), ctx).getStatusCode()).isEqualTo(403);
    assertThat(Handlers.CALLS).hasValue(0);
    assertThat(sink.ofKind(SecurityEvent.GUARD_ERROR)).hasSize(1);
  }

  @Test
  void extractionFailure_isContainedAsGuardError() {
    // A POJO whose getter throws makes the generic walker fail: Warden's problem, not the user's.
    RequestHandler<Object, String> h = TestSupport.builder(sink, Map.of(), TestSupport.MARKER)
        .protect((Object e, com.amazonaws.services.lambda.runtime.Context c) -> "ran");
    Object hostile = new Object() {
      @SuppressWarnings("unused")
      public String getValue() {
        throw new IllegalStateException("getter bug");
      }
    };
    assertThat(h.handleRequest(hostile, ctx)).isEqualTo("ran");
    assertThat(sink.ofKind(SecurityEvent.GUARD_ERROR)).hasSize(1);
  }

  @Test
  void baseClass_inspectsBeforeHandle() {
    Handlers.BaseStyle h = new Handlers.BaseStyle(TestSupport.builder(sink, Map.of(), TestSupport.MARKER));
    assertThat(h.handleRequest(rest(), ctx).getStatusCode()).isEqualTo(200);
    assertThat(h.handleRequest(restWithQuery("q", "EVIL"), ctx).getStatusCode()).isEqualTo(403);
    assertThat(Handlers.CALLS).hasValue(1);
  }

  @Test
  void cookiesAndMultiValueHeaders_haveStableLocations() {
    APIGatewayProxyRequestEvent e = rest();
    Map<String, List<String>> mv = new HashMap<>(e.getMultiValueHeaders());
    mv.put("Cookie", List.of("session=abc; theme=EVIL"));
    mv.put("X-Custom", List.of("one", "EVIL"));
    e.setMultiValueHeaders(mv);
    protect(new Handlers.MonitoredOrders(), Map.of()).handleRequest(e, ctx);
    assertThat(sink.ofKind(SecurityEvent.FINDING)).extracting(ev -> ev.finding().location())
        .containsExactlyInAnyOrder("cookie.theme", "header.x-custom[1]");
  }
}
