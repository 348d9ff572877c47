package dev.warden.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.warden.WardenBlockedException;
import dev.warden.event.EventSink;
import dev.warden.lambda.Warden;
import dev.warden.policy.Mode;
import dev.warden.policy.Policy;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** No-op handlers of each measured type, their protected versions and a no-op sink. */
public final class Handlers {

  private Handlers() {}

  /** Records nothing: the benchmark measures inspection, not logging. */
  public static final EventSink NO_SINK = e -> { };

  /** Drops metrics lines. */
  static final java.util.function.Consumer<String> NO_LINE = line -> { };

  static final APIGatewayProxyResponseEvent OK_REST = new APIGatewayProxyResponseEvent().withStatusCode(200);
  static final APIGatewayV2HTTPResponse OK_HTTP = APIGatewayV2HTTPResponse.builder().withStatusCode(200).build();
  static final SQSBatchResponse OK_SQS = new SQSBatchResponse(List.of());

  /** REST API handler that does nothing. */
  public static final class Rest implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent e, Context c) {
      return OK_REST;
    }
  }

  /** HTTP API handler that does nothing. */
  public static final class Http implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent e, Context c) {
      return OK_HTTP;
    }
  }

  /** SQS handler that does nothing. */
  public static final class Sqs implements RequestHandler<SQSEvent, SQSBatchResponse> {
    @Override
    public SQSBatchResponse handleRequest(SQSEvent e, Context c) {
      return OK_SQS;
    }
  }

  /**
   * The policy measured: block mode, defaults otherwise, but a time budget large enough that the
   * full work is measured rather than cut at the default 10 ms on a loaded machine.
   */
  public static Policy policy() {
    return Policy.builder().mode(Mode.BLOCK).timeBudget(Duration.ofSeconds(5)).build();
  }

  /** The public path: {@code Warden.builder()...protect(handler)}, environment ignored. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static RequestHandler<Object, Object> protect(Events.Kind kind) {
    RequestHandler h = switch (kind) {
      case REST_2K -> new Rest();
      case HTTP_16K, JSON_256K -> new Http();
      case SQS_10 -> new Sqs();
    };
    // The metrics line is rendered on every call but not printed: writing to stdout is the
    // platform's cost (a pipe here, CloudWatch Logs in Lambda), not Warden's.
    return Warden.builder().policy(policy()).environment(Map.of()).sink(NO_SINK).metricsOut(NO_LINE).protect(h);
  }

  /** Calls the protected handler; a refusal by exception counts as a result like any other. */
  public static Object call(RequestHandler<Object, Object> h, Object event, Context ctx) {
    try {
      return h.handleRequest(event, ctx);
    } catch (WardenBlockedException e) {
      return e;
    }
  }
}
