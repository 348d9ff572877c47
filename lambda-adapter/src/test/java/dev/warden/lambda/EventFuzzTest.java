package dev.warden.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.warden.WardenBlockedException;
import dev.warden.detect.Detectors;
import dev.warden.event.SecurityEvent;
import dev.warden.lambda.TestSupport.ListSink;
import dev.warden.lambda.testing.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of event extraction from arbitrary bytes, through the real stream
 * wrapper and the zero-code handler with every built-in detector. Properties for any bytes: no
 * exception but {@link WardenBlockedException} leaves Warden; Warden itself never fails (no
 * {@code guard-error} event: under fail-open a failure would mean an uninspected event); on the
 * allow path the handler receives exactly the original bytes. The typed variant forces each HTTP
 * event type so the runtime's serializers and the typed extractors see hostile shapes too.
 */
class EventFuzzTest {

  private static final FakeContext CTX = FakeContext.builder().requestId("fuzz").build();
  private static final List<Class<?>> TYPES = List.of(APIGatewayProxyRequestEvent.class, APIGatewayV2HTTPEvent.class,
      ApplicationLoadBalancerRequestEvent.class, com.amazonaws.services.lambda.runtime.events.SQSEvent.class,
      com.amazonaws.services.lambda.runtime.events.SNSEvent.class, com.amazonaws.services.lambda.runtime.events.S3Event.class,
      com.amazonaws.services.lambda.runtime.events.CloudWatchLogsEvent.class,
      com.amazonaws.services.lambda.runtime.events.KinesisEvent.class,
      com.amazonaws.services.lambda.runtime.events.DynamodbEvent.class,
      com.amazonaws.services.lambda.runtime.events.ScheduledEvent.class, Map.class, Object.class);

  private final ListSink sink = new ListSink();
  private final Warden.Builder builder = Warden.builder().environment(Map.of()).sink(sink)
      .detectors(Detectors.discover());
  private final com.amazonaws.services.lambda.runtime.RequestStreamHandler stream =
      builder.protect(new Handlers.Echo());
  private final WardenHandler zeroCode;
  private final StreamGuard guard;

  EventFuzzTest() {
    Map<String, String> env = Map.of(WardenHandler.HANDLER_VARIABLE, Handlers.Echo.class.getName());
    zeroCode = new WardenHandler(env, Warden.builder().sink(sink).detectors(Detectors.discover()));
    guard = new StreamGuard(builder.guard(Handlers.Echo.class));
  }

  private void assertPassedOrRefused(byte[] event, Invocation call) throws IOException {
    // The instance lives for the whole fuzzing run: start each input with an empty sink.
    sink.events.clear();
    Handlers.LAST.set(null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean refused = false;
    try {
      call.run(new ByteArrayInputStream(event), out);
    } catch (WardenBlockedException e) {
      refused = true;
    }
    assertThat(sink.ofKind(SecurityEvent.GUARD_ERROR)).isEmpty();
    if (Handlers.LAST.get() != null) {
      assertThat(refused).isFalse();
      assertThat((byte[]) Handlers.LAST.get()).isEqualTo(event);
      assertThat(out.toByteArray()).isEqualTo(event);
    } else {
      // Refused: either the exception or a typed 403 written by Warden.
      assertThat(refused || out.size() > 0).isTrue();
    }
  }

  private interface Invocation {
    void run(java.io.InputStream in, java.io.OutputStream out) throws IOException;
  }

  @FuzzTest(maxDuration = "60s")
  void streamHandler_arbitraryBytes_passedUnchangedOrRefused(byte[] event) throws IOException {
    assertPassedOrRefused(event, (in, out) -> stream.handleRequest(in, out, CTX));
  }

  @FuzzTest(maxDuration = "60s")
  void zeroCodeHandler_arbitraryBytes_passedUnchangedOrRefused(byte[] event) throws IOException {
    assertPassedOrRefused(event, (in, out) -> zeroCode.handleRequest(in, out, CTX));
  }

  @FuzzTest(maxDuration = "60s")
  void streamGuard_arbitraryBytesAsEachEventType_neverFails(FuzzedDataProvider data) {
    sink.events.clear();
    Class<?> type = data.pickValue(TYPES);
    byte[] event = data.consumeRemainingAsBytes();
    StreamGuard.Result r = guard.check(event, type, CTX);
    assertThat(r.bytes()).isSameAs(event);
    assertThat(r.check()).isNotNull();
    assertThat(r.check().verdict()).as("inspection must not fail").isNotNull();
    assertThat(sink.ofKind(SecurityEvent.GUARD_ERROR)).isEmpty();
  }
}
