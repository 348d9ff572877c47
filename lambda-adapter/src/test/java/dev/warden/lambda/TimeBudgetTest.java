package dev.warden.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.warden.WardenBlockedException;
import dev.warden.detect.Detector;
import dev.warden.detect.Finding;
import dev.warden.event.SecurityEvent;
import dev.warden.extract.Input;
import dev.warden.lambda.TestSupport.ListSink;
import dev.warden.lambda.testing.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The per-invocation time budget seen from the wrappers: when inspection runs past
 * {@code WARDEN_TIME_BUDGET_MS}, exactly one {@code limit-exceeded/time-budget} event is logged;
 * fail-open lets the handler run, fail-closed refuses the invocation.
 */
class TimeBudgetTest {

  /** Takes 20 ms per value: a stand-in for a slow detector on a hostile input. */
  private static final Detector SLOW = new Detector() {
    @Override
    public String id() {
      return "slow";
    }

    @Override
    public Optional<Finding> inspect(Input in) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Optional.empty();
    }
  };

  private final ListSink sink = new ListSink();
  private final FakeContext ctx = FakeContext.builder().requestId("req-t").build();

  private static APIGatewayProxyRequestEvent manyValues() {
    return new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath("/x")
        .withQueryStringParameters(Map.of("a", "1", "b", "2", "c", "3", "d", "4"));
  }

  private RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> protect(
      Map<String, String> env, AtomicInteger calls) {
    return Warden.builder().environment(env).sink(sink).detectors(List.of(SLOW)).protect((e, c) -> {
      calls.incrementAndGet();
      return new APIGatewayProxyResponseEvent().withStatusCode(200);
    });
  }

  private void assertOneTimeBudgetEvent(String disposition) {
    assertThat(sink.events).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(SecurityEvent.FINDING);
      assertThat(e.finding().detector()).isEqualTo("limit-exceeded");
      assertThat(e.finding().rule()).isEqualTo("time-budget");
      assertThat(e.disposition()).isEqualTo(disposition);
      assertThat(e.invocation().requestId()).isEqualTo("req-t");
    });
  }

  /**
   * The first inspection runs warm-up work (class loading, interpretation) and gets at least one
   * second; the policy's budget applies from the second call. Each test below calls once first.
   */
  private <I, O> RequestHandler<I, O> warm(RequestHandler<I, O> h, I event, AtomicInteger calls) {
    h.handleRequest(event, ctx);
    sink.events.clear();
    calls.set(0);
    return h;
  }

  @Test
  void firstInvocation_budgetBelowOneSecond_everyValueInspectedNoEvent() {
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger inspected = new AtomicInteger();
    Detector counting = new Detector() {
      @Override
      public String id() {
        return "counting";
      }

      @Override
      public Optional<Finding> inspect(Input in) {
        inspected.incrementAndGet();
        return SLOW.inspect(in);
      }
    };
    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> h = Warden.builder()
        .environment(Map.of("WARDEN_TIME_BUDGET_MS", "5", "WARDEN_FAIL_CLOSED", "true")).sink(sink)
        .detectors(List.of(counting)).protect((e, c) -> {
          calls.incrementAndGet();
          return new APIGatewayProxyResponseEvent().withStatusCode(200);
        });
    APIGatewayProxyResponseEvent r = h.handleRequest(manyValues(), ctx);
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(calls).hasValue(1);
    assertThat(sink.events).isEmpty();
    assertThat(inspected.get()).as("values inspected on the first call").isGreaterThanOrEqualTo(8);
  }

  @Test
  void budgetExceeded_failOpen_handlerRunsAndOneEventLogged() {
    AtomicInteger calls = new AtomicInteger();
    APIGatewayProxyResponseEvent r = warm(protect(Map.of("WARDEN_TIME_BUDGET_MS", "5"), calls), manyValues(), calls)
        .handleRequest(manyValues(), ctx);
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(calls).hasValue(1);
    assertOneTimeBudgetEvent("alerted");
  }

  @Test
  void budgetExceeded_failClosed_refusedWith403AndOneEventLogged() {
    AtomicInteger calls = new AtomicInteger();
    APIGatewayProxyResponseEvent r = warm(protect(Map.of("WARDEN_TIME_BUDGET_MS", "5", "WARDEN_FAIL_CLOSED", "true"),
        calls), manyValues(), calls).handleRequest(manyValues(), ctx);
    assertThat(r.getStatusCode()).isEqualTo(403);
    assertThat(calls).hasValue(0);
    assertOneTimeBudgetEvent("blocked");
  }

  @Test
  void budgetNotExceeded_noEvent() {
    AtomicInteger calls = new AtomicInteger();
    protect(Map.of("WARDEN_TIME_BUDGET_MS", "60000"), calls).handleRequest(manyValues(), ctx);
    assertThat(calls).hasValue(1);
    assertThat(sink.events).isEmpty();
  }

  @Test
  void budgetExceeded_streamHandlerFailClosed_refusedWithBlockException() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    RequestStreamHandler h = Warden.builder().environment(Map.of("WARDEN_TIME_BUDGET_MS", "5", "WARDEN_FAIL_CLOSED", "true"))
        .sink(sink).detectors(List.of(SLOW)).protect((in, out, c) -> calls.incrementAndGet());
    byte[] event = "{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}".getBytes(StandardCharsets.UTF_8);
    h.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), ctx);
    sink.events.clear();
    calls.set(0);
    assertThatThrownBy(() -> h.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), ctx))
        .isInstanceOf(WardenBlockedException.class);
    assertThat(calls).hasValue(0);
    assertOneTimeBudgetEvent("blocked");
  }

  @Test
  void budgetExceeded_streamHandlerFailOpen_handlerGetsSameBytes() throws Exception {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    RequestStreamHandler h = Warden.builder().environment(Map.of("WARDEN_TIME_BUDGET_MS", "5"))
        .sink(sink).detectors(List.of(SLOW)).protect((in, out, c) -> in.transferTo(seen));
    byte[] event = "{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}".getBytes(StandardCharsets.UTF_8);
    h.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), ctx);
    sink.events.clear();
    seen.reset();
    h.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), ctx);
    assertThat(seen.toByteArray()).isEqualTo(event);
    assertOneTimeBudgetEvent("alerted");
  }
}
