package dev.warden.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.WardenBlockedException;
import dev.warden.event.SecurityEvent;
import dev.warden.lambda.TestSupport.ListSink;
import dev.warden.lambda.testing.FakeContext;
import dev.warden.lambda.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WardenHandlerTest {

  private final ListSink sink = new ListSink();
  private final FakeContext ctx = FakeContext.builder().requestId("req-7").build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void reset() {
    Handlers.CALLS.set(0);
    Handlers.LAST.set(null);
  }

  private WardenHandler zeroCode(String handler, Map<String, String> extraEnv) {
    Map<String, String> env = new java.util.HashMap<>(TestSupport.patient(extraEnv));
    env.put("WARDEN_HANDLER", handler);
    return new WardenHandler(env, TestSupport.builder(sink, env, TestSupport.MARKER));
  }

  private static byte[] invoke(WardenHandler h, byte[] event, FakeContext ctx) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    h.handleRequest(new ByteArrayInputStream(event), out, ctx);
    return out.toByteArray();
  }

  private static byte[] restEventWithQuery(String value) throws IOException {
    JsonNode tree = JSON.readTree(Fixtures.bytes("events/apigw-rest.json"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("queryStringParameters")).put("status", value);
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree).remove("multiValueQueryStringParameters");
    return JSON.writeValueAsBytes(tree);
  }

  @Test
  void zeroCode_benignRestEvent_reachesHandlerAndReturnsItsResponse() throws IOException {
    WardenHandler h = zeroCode(Handlers.Orders.class.getName() + "::handleRequest", Map.of());
    JsonNode r = JSON.readTree(invoke(h, restEventWithQuery("shipped"), ctx));
    assertThat(r.get("statusCode").asInt()).isEqualTo(200);
    assertThat(r.get("body").asText()).isEqualTo("{\"status\":\"shipped\"}");
    assertThat(Handlers.CALLS).hasValue(1);
    assertThat(sink.events).isEmpty();
  }

  @Test
  void zeroCode_attack_returns403AndHandlerNotCalled() throws IOException {
    WardenHandler h = zeroCode(Handlers.Orders.class.getName(), Map.of());
    JsonNode r = JSON.readTree(invoke(h, restEventWithQuery("EVIL"), ctx));
    assertThat(r.get("statusCode").asInt()).isEqualTo(403);
    assertThat(r.get("body").asText()).contains("Forbidden").contains("req-7");
    assertThat(Handlers.CALLS).hasValue(0);
    assertThat(sink.ofKind(SecurityEvent.FINDING)).singleElement()
        .satisfies(e -> assertThat(e.finding().location()).isEqualTo("query.status"));
  }

  @Test
  void zeroCode_readsAnnotationOfTheNamedHandler() throws IOException {
    WardenHandler h = zeroCode(Handlers.MonitoredOrders.class.getName(), Map.of());
    JsonNode r = JSON.readTree(invoke(h, restEventWithQuery("EVIL"), ctx));
    assertThat(r.get("statusCode").asInt()).isEqualTo(200);
    assertThat(sink.ofKind(SecurityEvent.FINDING)).singleElement()
        .extracting(SecurityEvent::disposition).isEqualTo("alerted");
  }

  @Test
  void zeroCode_streamHandler_receivesByteIdenticalEvent() throws IOException {
    WardenHandler h = zeroCode(Handlers.Echo.class.getName(), Map.of());
    byte[] event = "{ \"b\" : [1, 2.50, \"x\"],\n \"a\":\"\\u00e9\" }".getBytes(StandardCharsets.UTF_8);
    assertThat(invoke(h, event, ctx)).isEqualTo(event);
    assertThat((byte[]) Handlers.LAST.get()).isEqualTo(event);
  }

  @Test
  void zeroCode_streamHandlerNonHttpAttack_throwsBlockException() {
    WardenHandler h = zeroCode(Handlers.Echo.class.getName(), Map.of());
    assertThatThrownBy(() -> invoke(h, "{\"msg\":\"EVIL\"}".getBytes(StandardCharsets.UTF_8), ctx))
        .isInstanceOf(WardenBlockedException.class);
    assertThat(Handlers.CALLS).hasValue(0);
    assertThat(sink.events.get(0).finding().location()).isEqualTo("event.msg");
  }

  @Test
  void zeroCode_streamHandlerHttpAttack_writes403() throws IOException {
    WardenHandler h = zeroCode(Handlers.Echo.class.getName(), Map.of());
    JsonNode r = JSON.readTree(invoke(h, restEventWithQuery("EVIL"), ctx));
    assertThat(r.get("statusCode").asInt()).isEqualTo(403);
  }

  @Test
  void zeroCode_pojoMethod_isCalled() throws IOException {
    WardenHandler h = zeroCode(Handlers.Pojo.class.getName() + "::greet", Map.of());
    assertThat(new String(invoke(h, "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8), ctx), StandardCharsets.UTF_8))
        .isEqualTo("\"hello Ada\"");
    assertThatThrownBy(() -> invoke(h, "{\"name\":\"EVIL\"}".getBytes(StandardCharsets.UTF_8), ctx))
        .isInstanceOf(WardenBlockedException.class);
  }

  @Test
  void zeroCode_tooDeepEvent_isRefusedBeforeAnyOtherParserSeesIt() {
    WardenHandler h = zeroCode(Handlers.MapHandler.class.getName(), Map.of("WARDEN_MAX_DEPTH", "8"));
    String deep = "{\"a\":".repeat(50) + "1" + "}".repeat(50);
    assertThatThrownBy(() -> invoke(h, deep.getBytes(StandardCharsets.UTF_8), ctx))
        .isInstanceOf(WardenBlockedException.class);
    assertThat(sink.events.get(0).finding().rule()).isEqualTo("max-depth");
    assertThat(Handlers.CALLS).hasValue(0);
  }

  @Test
  void zeroCode_missingVariable_failsAtInitSayingWhatToSet() {
    assertThatThrownBy(() -> new WardenHandler(Map.of(), Warden.builder().environment(Map.of())))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("WARDEN_HANDLER is not set");
  }

  @Test
  void zeroCode_wrongClassName_failsAtInitNamingTheClass() {
    assertThatThrownBy(() -> zeroCode("com.example.Missing::handleRequest", Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("com.example.Missing").hasMessageContaining("not on the function's class path");
  }

  @Test
  void zeroCode_notAHandler_failsAtInit() {
    assertThatThrownBy(() -> zeroCode(Handlers.NotAHandler.class.getName(), Map.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("neither RequestHandler nor RequestStreamHandler");
    assertThatThrownBy(() -> zeroCode(Handlers.Pojo.class.getName() + "::nope", Map.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no public method nope");
  }
}
