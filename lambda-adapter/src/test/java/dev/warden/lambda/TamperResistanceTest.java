package dev.warden.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.warden.Engine;
import dev.warden.detect.Detector;
import dev.warden.event.SecurityEvent;
import dev.warden.lambda.TestSupport.ListSink;
import dev.warden.lambda.testing.FakeContext;
import dev.warden.policy.Action;
import dev.warden.policy.Exclusion;
import dev.warden.policy.Mode;
import dev.warden.policy.Policy;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * After init, user code cannot loosen the policy or remove the guard through Warden's API: the
 * policy is immutable, protected handlers expose nothing but {@code handleRequest}, and whatever
 * is done to the builder, the maps and the lists given to it after a handler was built does not
 * reach that handler. (What reflection, {@code --add-opens} or native code can still do is in
 * docs/HARDENING.md.)
 */
class TamperResistanceTest {

  private final ListSink sink = new ListSink();
  private final FakeContext ctx = FakeContext.builder().requestId("req-x").build();

  private static APIGatewayProxyRequestEvent evil() {
    return new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath("/x").withQueryStringParameters(Map.of("q", "EVIL"));
  }

  private static final RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> OK =
      (e, c) -> new APIGatewayProxyResponseEvent().withStatusCode(200);

  /** Instance fields of a class and its Warden superclasses that are not final. */
  private static List<String> mutableFields(Class<?> type) {
    List<String> out = new ArrayList<>();
    for (Class<?> c = type; c != null && c.getName().startsWith("dev.warden"); c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers())) {
          out.add(c.getSimpleName() + "." + f.getName());
        }
      }
    }
    return out;
  }

  @Test
  void policy_allFieldsFinalAndCollectionsUnmodifiable() {
    Policy p = Policy.builder().action("sqli", Action.MONITOR).exclude("xss", "body.html").build();
    assertThat(mutableFields(Policy.class)).isEmpty();
    assertThat(Arrays.stream(Policy.class.getMethods()).map(Method::getName)).noneMatch(n -> n.startsWith("set"));
    assertThatThrownBy(() -> p.actions().put("sqli", Action.OFF)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.actions().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.exclusions().add(new Exclusion("*", "*"))).isInstanceOf(UnsupportedOperationException.class);
    assertThat(p.limits().getClass().isRecord()).isTrue();
  }

  @Test
  void policy_derivedBuilderChanged_originalUnchanged() {
    Policy p = Policy.builder().action("sqli", Action.BLOCK).build();
    Policy.Builder b = p.toBuilder();
    b.mode(Mode.OFF).action("sqli", Action.OFF).exclude("*", "*").failClosed(true).maxFields(1);
    b.build();
    assertThat(p.mode()).isEqualTo(Mode.BLOCK);
    assertThat(p.actionFor("sqli")).isEqualTo(Action.BLOCK);
    assertThat(p.exclusions()).isEmpty();
    assertThat(p.limits().maxFields()).isEqualTo(10_000);
  }

  @Test
  void protectedHandlers_exposeOnlyHandleRequestAndHoldOnlyFinalFields() {
    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> typed =
        TestSupport.builder(sink, Map.of(), TestSupport.MARKER).protect(OK);
    RequestStreamHandler stream = TestSupport.builder(sink, Map.of(), TestSupport.MARKER).protect(new Handlers.Echo());
    Map<String, String> env = Map.of(WardenHandler.HANDLER_VARIABLE, Handlers.Orders.class.getName());
    WardenHandler zeroCode = new WardenHandler(env, TestSupport.builder(sink, env, TestSupport.MARKER));
    for (Object h : List.of(typed, stream, zeroCode)) {
      assertThat(Arrays.stream(h.getClass().getMethods())
          .filter(m -> m.getDeclaringClass() != Object.class).map(Method::getName).distinct())
          .as(h.getClass().getName()).containsOnly("handleRequest");
      assertThat(mutableFields(h.getClass())).as(h.getClass().getName()).isEmpty();
    }
    assertThat(Modifier.isPublic(typed.getClass().getModifiers())).isFalse();
    assertThat(Modifier.isPublic(stream.getClass().getModifiers())).isFalse();
    for (Class<?> c : List.of(Guard.class, StreamGuard.class, Engine.class, Policy.class)) {
      assertThat(mutableFields(c)).as(c.getName()).isEmpty();
    }
  }

  @Test
  void engine_detectorListCannotBeChanged() {
    Engine engine = Engine.of(Policy.defaults(), List.of(TestSupport.MARKER), sink);
    assertThatThrownBy(() -> engine.detectors().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> engine.detectors().add(TestSupport.THROWING)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void builderMutatedAfterProtect_builtHandlerKeepsItsPolicyDetectorsAndSink() {
    Map<String, String> env = new HashMap<>();
    List<Detector> detectors = new ArrayList<>(List.of(TestSupport.MARKER));
    Warden.Builder b = Warden.builder().environment(env).detectors(detectors).sink(sink);
    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> h = b.protect(OK);

    // Everything user code could still reach afterwards: the builder, the map, the list.
    ListSink other = new ListSink();
    env.put("WARDEN_MODE", "off");
    detectors.clear();
    b.policy(Policy.builder().mode(Mode.OFF).build()).environment(Map.of("WARDEN_MODE", "monitor"))
        .detectors(List.of()).sink(other).failures(Engine.Failures.PROPAGATE);

    APIGatewayProxyResponseEvent r = h.handleRequest(evil(), ctx);
    assertThat(r.getStatusCode()).isEqualTo(403);
    assertThat(sink.ofKind(SecurityEvent.FINDING)).singleElement()
        .satisfies(e -> assertThat(e.disposition()).isEqualTo("blocked"));
    assertThat(other.events).isEmpty();
  }

  @Test
  void builderGivenMutableMapBeforeProtect_laterChangesIgnored() {
    Map<String, String> env = new HashMap<>(Map.of("WARDEN_MODE", "block"));
    Warden.Builder b = Warden.builder().environment(env).detectors(List.of(TestSupport.MARKER)).sink(sink);
    env.put("WARDEN_MODE", "off");
    APIGatewayProxyResponseEvent r = b.protect(OK).handleRequest(evil(), ctx);
    assertThat(r.getStatusCode()).isEqualTo(403);
  }
}
