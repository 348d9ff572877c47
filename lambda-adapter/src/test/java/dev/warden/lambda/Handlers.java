package dev.warden.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.warden.policy.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** User-style handlers for the adapter tests. Public: the zero-code handler loads them by name. */
public final class Handlers {

  private Handlers() {}

  static final AtomicInteger CALLS = new AtomicInteger();
  static final AtomicReference<Object> LAST = new AtomicReference<>();

  /** No annotation: Warden's defaults apply. */
  public static class Orders implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent e, Context c) {
      CALLS.incrementAndGet();
      LAST.set(e);
      String status = e.getQueryStringParameters() == null ? "" : e.getQueryStringParameters().get("status");
      return new APIGatewayProxyResponseEvent().withStatusCode(200).withBody("{\"status\":\"" + status + "\"}");
    }
  }

  /** Annotated monitor mode. */
  @WardenPolicy(mode = Mode.MONITOR)
  public static class MonitoredOrders extends Orders {}

  /** Annotated: marker off at query.note. */
  @WardenPolicy(exclusions = "marker@query.note", maxFields = 500)
  public static class ExcludingOrders extends Orders {}

  /** Annotated: user-agent not inspected, besides Warden's default list. */
  @WardenPolicy(ignoredHeaders = {"defaults", "user-agent"})
  public static class IgnoringOrders extends Orders {}

  /** A handler whose output type cannot hold a typed refusal. */
  public static class StringOut implements RequestHandler<APIGatewayProxyRequestEvent, String> {
    @Override
    public String handleRequest(APIGatewayProxyRequestEvent e, Context c) {
      CALLS.incrementAndGet();
      return "ok";
    }
  }

  /** A generic event handler (Map in, Map out). */
  public static class MapHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> e, Context c) {
      CALLS.incrementAndGet();
      LAST.set(e);
      return Map.of("seen", e.size());
    }
  }

  /** A stream handler that echoes its input. */
  public static class Echo implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream in, OutputStream out, Context c) throws IOException {
      CALLS.incrementAndGet();
      byte[] b = in.readAllBytes();
      LAST.set(b);
      out.write(b);
    }
  }

  /** A POJO-style handler with a named method. */
  public static class Pojo {
    public String greet(Map<String, Object> event, Context c) {
      CALLS.incrementAndGet();
      return "hello " + event.get("name");
    }
  }

  /** Base-class style. */
  public static class BaseStyle extends WardenRequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    BaseStyle(Warden.Builder b) {
      super(b);
    }

    @Override
    protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent input, Context context) {
      CALLS.incrementAndGet();
      return new APIGatewayProxyResponseEvent().withStatusCode(200);
    }
  }

  /** SQS with partial batch responses: reports its own failure for bodies containing "fail-me". */
  public static class SqsBatch implements RequestHandler<SQSEvent, SQSBatchResponse> {
    @Override
    public SQSBatchResponse handleRequest(SQSEvent e, Context c) {
      CALLS.incrementAndGet();
      LAST.set(e);
      List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
      for (SQSEvent.SQSMessage m : e.getRecords()) {
        if (m.getBody().contains("fail-me")) {
          failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(m.getMessageId()).build());
        }
      }
      return new SQSBatchResponse(failures);
    }
  }

  /** SQS without partial batch responses. */
  public static class SqsWhole implements RequestHandler<SQSEvent, Void> {
    @Override
    public Void handleRequest(SQSEvent e, Context c) {
      CALLS.incrementAndGet();
      LAST.set(e);
      return null;
    }
  }

  /** Kinesis with partial batch responses; reports nothing itself. */
  public static class KinesisBatch implements RequestHandler<KinesisEvent, StreamsEventResponse> {
    @Override
    public StreamsEventResponse handleRequest(KinesisEvent e, Context c) {
      CALLS.incrementAndGet();
      LAST.set(e);
      return new StreamsEventResponse(new ArrayList<>());
    }
  }

  /** DynamoDB Streams with partial batch responses; returns null (no failures of its own). */
  public static class DynamodbBatch implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent e, Context c) {
      CALLS.incrementAndGet();
      LAST.set(e);
      return null;
    }
  }

  /** WebSocket API route handler. */
  public static class Chat implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent e, Context c) {
      CALLS.incrementAndGet();
      APIGatewayV2WebSocketResponse r = new APIGatewayV2WebSocketResponse();
      r.setStatusCode(200);
      return r;
    }
  }

  /** S3 notifications. */
  public static class Uploads implements RequestHandler<S3Event, String> {
    @Override
    public String handleRequest(S3Event e, Context c) {
      CALLS.incrementAndGet();
      return "ok";
    }
  }

  /** Not a handler. */
  public static class NotAHandler {}
}
