package dev.warden.lambda;

import static dev.warden.lambda.TriggerFixtures.inJsonText;
import static dev.warden.lambda.TriggerFixtures.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.WardenBlockedException;
import dev.warden.lambda.TestSupport.ListSink;
import dev.warden.lambda.TriggerFixtures.Fixture;
import dev.warden.lambda.testing.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The refusal each non-batch trigger gets, through composition and the zero-code handler. */
class TriggerRefusalTest {

  private final ListSink sink = new ListSink();
  private final FakeContext ctx = FakeContext.builder().requestId("req-r").build();

  @BeforeEach
  void reset() {
    Handlers.CALLS.set(0);
  }

  private static Object typed(String fixture, java.util.function.UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode> change) {
    Fixture f = TriggerFixtures.fixture(fixture);
    return TriggerFixtures.typed(f, change.apply(TriggerFixtures.tree(f)));
  }

  private static byte[] raw(String fixture, java.util.function.UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode> change) {
    return TriggerFixtures.bytes(change.apply(TriggerFixtures.tree(TriggerFixtures.fixture(fixture))));
  }

  private byte[] zeroCode(Class<?> handler, byte[] event) throws IOException {
    Map<String, String> env = new HashMap<>(TestSupport.patient(Map.of()));
    env.put("WARDEN_HANDLER", handler.getName());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new WardenHandler(env, TestSupport.builder(sink, env, TestSupport.MARKER))
        .handleRequest(new ByteArrayInputStream(event), out, ctx);
    return out.toByteArray();
  }

  @Test
  void webSocketMessage_attack_typed403WebSocketResponse() {
    APIGatewayV2WebSocketResponse r = TestSupport.builder(sink, Map.of(), TestSupport.MARKER)
        .protect(new Handlers.Chat())
        .handleRequest((APIGatewayV2WebSocketEvent) typed("apigw-websocket-message",
            inJsonText("/body", "/message", "EVIL")), ctx);
    assertThat(r.getStatusCode()).isEqualTo(403);
    assertThat(r.getBody()).contains("req-r");
    assertThat(Handlers.CALLS).hasValue(0);
  }

  @Test
  void webSocketConnect_zeroCode_attackRejectsTheConnectionWith403() throws IOException {
    JsonNode r = TriggerFixtures.JSON.readTree(zeroCode(Handlers.Chat.class,
        raw("apigw-websocket-connect", TriggerFixtures.all(set("/queryStringParameters/room", "EVIL"),
            set("/multiValueQueryStringParameters/room/0", "EVIL")))));
    assertThat(r.get("statusCode").asInt()).isEqualTo(403);
    assertThat(Handlers.CALLS).hasValue(0);
  }

  @Test
  void alb_oversizedBody_413WithStatusDescription() {
    ApplicationLoadBalancerRequestEvent e = (ApplicationLoadBalancerRequestEvent) typed("alb",
        set("/body", "x".repeat(500)));
    ApplicationLoadBalancerResponseEvent r = TestSupport.builder(sink, Map.of("WARDEN_MAX_BYTES", "100"),
        TestSupport.MARKER).protect(new AlbHandler()).handleRequest(e, ctx);
    assertThat(r.getStatusCode()).isEqualTo(413);
    assertThat(r.getStatusDescription()).isEqualTo("413 Payload Too Large");
  }

  @Test
  void s3_hostileKey_compositionThrowsBlockException() {
    S3Event e = (S3Event) typed("s3", set("/Records/0/s3/object/key", "EVIL.txt"));
    var h = TestSupport.builder(sink, Map.of(), TestSupport.MARKER).protect(new Handlers.Uploads());
    assertThatThrownBy(() -> h.handleRequest(e, ctx)).isInstanceOf(WardenBlockedException.class);
    assertThat(Handlers.CALLS).hasValue(0);
  }

  @Test
  void eventBridge_zeroCode_hostileDetailThrowsBlockException() {
    byte[] event = raw("eventbridge", set("/detail/order/note", "EVIL"));
    assertThatThrownBy(() -> zeroCode(Handlers.MapHandler.class, event)).isInstanceOf(WardenBlockedException.class);
    assertThat(Handlers.CALLS).hasValue(0);
  }

  @Test
  void cloudWatchLogs_streamHandler_hostileLineThrowsBlockException() {
    byte[] event = raw("cloudwatch-logs", TriggerFixtures.inLogs("/logEvents/0/message", "EVIL"));
    var h = TestSupport.builder(sink, Map.of(), TestSupport.MARKER).protect(new Handlers.Echo());
    assertThatThrownBy(() -> h.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), ctx))
        .isInstanceOf(WardenBlockedException.class);
    assertThat(Handlers.CALLS).hasValue(0);
  }

  static final class AlbHandler implements
      com.amazonaws.services.lambda.runtime.RequestHandler<ApplicationLoadBalancerRequestEvent, ApplicationLoadBalancerResponseEvent> {
    @Override
    public ApplicationLoadBalancerResponseEvent handleRequest(ApplicationLoadBalancerRequestEvent e,
        com.amazonaws.services.lambda.runtime.Context c) {
      Handlers.CALLS.incrementAndGet();
      ApplicationLoadBalancerResponseEvent r = new ApplicationLoadBalancerResponseEvent();
      r.setStatusCode(200);
      return r;
    }
  }
}
