package dev.warden.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.CloudWatchLogsEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.warden.Engine;
import dev.warden.Invocation;
import dev.warden.Verdict;
import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import dev.warden.lambda.extract.Extractor;
import dev.warden.lambda.extract.Extractors;
import dev.warden.lambda.extract.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Inspection for raw event bytes (stream handlers and the zero-code handler). The bytes are
 * checked for size and nesting with Warden's bounded parser before any other parser sees them;
 * events of a known type are then read with the Lambda runtime's own serializers (so field casing
 * matches what the handler would get) and extracted like typed events; anything else is walked as
 * JSON. Thread-safe.
 */
final class StreamGuard {

  /** Event bytes, the typed event when one was read, and the check. */
  record Result(byte[] bytes, Object event, Guard.Check check) {}

  private static final Map<Class<?>, PojoSerializer<?>> SERIALIZERS = new ConcurrentHashMap<>();

  private final Guard guard;
  private final Extractors extractors = Extractors.standard();

  StreamGuard(Guard guard) {
    this.guard = guard;
  }

  Guard guard() {
    return guard;
  }

  /** Reads the whole event (the runtime already holds it in memory; at most 6 MB synchronous). */
  static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  /**
   * Checks {@code bytes}. {@code type} is the handler's declared input type when known; when it
   * has a dedicated extractor the event is read as that type, otherwise HTTP event shapes are
   * recognised by their fields.
   */
  Result check(byte[] bytes, Class<?> type, Context ctx) {
    Engine engine = guard.engine();
    Invocation inv = Guard.invocation(ctx);
    if (engine.off()) {
      return new Result(bytes, null, new Guard.Check(null, inv, false));
    }
    Object event = null;
    try {
      InputCollector inputs = engine.collector();
      String trigger = "generic";
      Map<String, String> request = Map.of();
      if (inputs.size(bytes.length, Source.OTHER, "event")) {
        Json.Scan scan = Json.scan(bytes, inputs.limits().maxDepth());
        if (scan == Json.Scan.TOO_DEEP) {
          inputs.depth(inputs.limits().maxDepth() + 1, Source.OTHER, "event");
        } else if (scan == Json.Scan.INVALID) {
          inputs.value(Source.OTHER, "event", new String(bytes, StandardCharsets.UTF_8));
        } else {
          Class<?> eventType = type != null && extractors.supports(type) ? type : sniff(bytes);
          if (eventType != null) {
            event = readOrNull(eventType, bytes);
          }
          if (event != null) {
            Extractor<Object> x = extractors.forEvent(event);
            x.extract(event, inputs);
            trigger = x.trigger();
            request = x.request(event);
          } else {
            Json.walk(bytes, Source.OTHER, "event", inputs);
          }
        }
      }
      inv = inv.withTrigger(trigger, request);
      Verdict v = engine.inspect(inv, inputs);
      guard.observe(inv, v);
      return new Result(bytes, event, Guard.Check.of(v, inv, inputs));
    } catch (Throwable t) {
      return new Result(bytes, event, guard.failed(inv, "extraction", t));
    }
  }

  /**
   * Writes the refusal for a blocked event: a 403 of the event's HTTP response type, or throws
   * {@link dev.warden.WardenBlockedException} for other triggers.
   */
  void refuse(Result r, OutputStream out) throws IOException {
    String requestId = r.check().invocation().requestId();
    Object event = r.event() != null ? r.event() : readHttp(r.bytes());
    java.util.Optional<Object> typed = event == null ? java.util.Optional.empty()
        : Refusals.refusal(event, requestId, r.check().verdict());
    if (typed.isEmpty()) {
      throw new dev.warden.WardenBlockedException(requestId, r.check().verdict());
    }
    write(typed.get(), out);
  }

  /**
   * The event read by the runtime's serializer, or null when it will not map these bytes (valid
   * JSON of the wrong shape: a header map that is a string, an empty document). An attacker must
   * not be able to turn such an event into a failure of Warden, which fail-open would let through
   * uninspected: the caller walks the bytes generically instead.
   */
  private static Object readOrNull(Class<?> type, byte[] bytes) {
    try {
      return serializer(type).fromJson(new ByteArrayInputStream(bytes));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private Object readHttp(byte[] bytes) {
    if (Json.scan(bytes, guard.engine().policy().limits().maxDepth()) != Json.Scan.OK) {
      return null;
    }
    Class<?> t = sniff(bytes);
    try {
      return t == null ? null : serializer(t).fromJson(new ByteArrayInputStream(bytes));
    } catch (RuntimeException e) {
      // HTTP-shaped but not mappable: no typed 403 is possible, the block exception refuses it.
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  static void write(Object value, OutputStream out) throws IOException {
    if (value == null) {
      out.write("null".getBytes(StandardCharsets.UTF_8));
      return;
    }
    ((PojoSerializer<Object>) serializer(value.getClass())).toJson(value, out);
  }

  @SuppressWarnings("unchecked")
  static <T> PojoSerializer<T> serializer(Class<T> type) {
    return (PojoSerializer<T>) SERIALIZERS.computeIfAbsent(type,
        t -> LambdaEventSerializers.serializerFor(t, t.getClassLoader() != null ? t.getClassLoader()
            : StreamGuard.class.getClassLoader()));
  }

  /**
   * Recognises event shapes from their documented fields (AWS Lambda Developer Guide, the example
   * event of each service; see docs/TRIGGERS.md): {@code requestContext.elb} → ALB;
   * {@code version "2.0"} with {@code rawPath} → HTTP API / Function URL;
   * {@code requestContext.connectionId} → WebSocket API; {@code httpMethod} with
   * {@code requestContext} → REST API; {@code Records[0].eventSource} (SNS spells it
   * {@code EventSource}) {@code aws:sqs}, {@code aws:sns}, {@code aws:s3}, {@code aws:dynamodb},
   * {@code aws:kinesis} → that service's batch; top-level {@code eventSource} {@code aws:kafka} or
   * {@code SelfManagedKafka} with a {@code records} map → Kafka; {@code awslogs} → CloudWatch
   * Logs; {@code detail-type} → EventBridge. Reads the top level, the request context and the
   * first record only.
   */
  static Class<?> sniff(byte[] bytes) {
    boolean httpMethod = false;
    boolean rawPath = false;
    boolean v2 = false;
    boolean requestContext = false;
    boolean elb = false;
    boolean connectionId = false;
    String recordSource = null;
    String eventSource = null;
    boolean kafkaRecords = false;
    boolean awslogs = false;
    boolean detailType = false;
    try (JsonParser p = Json.mapper().getFactory().createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "httpMethod": httpMethod = true; break;
          case "rawPath": rawPath = true; break;
          case "version": v2 = v == JsonToken.VALUE_STRING && "2.0".equals(p.getText()); break;
          case "requestContext":
            requestContext = true;
            if (v == JsonToken.START_OBJECT) {
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                elb |= "elb".equals(p.currentName());
                connectionId |= "connectionId".equals(p.currentName());
                p.nextToken();
                p.skipChildren();
              }
            }
            break;
          case "Records":
            if (v == JsonToken.START_ARRAY) {
              recordSource = firstRecordSource(p);
            }
            break;
          case "eventSource":
            eventSource = v == JsonToken.VALUE_STRING ? p.getText() : null;
            break;
          case "records": kafkaRecords = v == JsonToken.START_OBJECT; break;
          case "awslogs": awslogs = v == JsonToken.START_OBJECT; break;
          case "detail-type": detailType = true; break;
          default: break;
        }
        p.skipChildren();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (elb) {
      return ApplicationLoadBalancerRequestEvent.class;
    }
    if (v2 && rawPath) {
      return APIGatewayV2HTTPEvent.class;
    }
    if (connectionId) {
      return APIGatewayV2WebSocketEvent.class;
    }
    if (httpMethod && requestContext) {
      return APIGatewayProxyRequestEvent.class;
    }
    if (recordSource != null) {
      switch (recordSource) {
        case "aws:sqs": return SQSEvent.class;
        case "aws:sns": return SNSEvent.class;
        case "aws:s3": return S3Event.class;
        case "aws:dynamodb": return DynamodbEvent.class;
        case "aws:kinesis": return KinesisEvent.class;
        default: return null;
      }
    }
    if (kafkaRecords && ("aws:kafka".equals(eventSource) || "SelfManagedKafka".equals(eventSource))) {
      return KafkaEvent.class;
    }
    if (awslogs) {
      return CloudWatchLogsEvent.class;
    }
    if (detailType) {
      return ScheduledEvent.class;
    }
    return null;
  }

  /**
   * With the parser on a {@code Records} array: the first record's {@code eventSource} (or
   * {@code EventSource}, SNS's spelling); leaves the parser on the array's end.
   */
  private static String firstRecordSource(JsonParser p) throws IOException {
    String source = null;
    JsonToken t = p.nextToken();
    if (t == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (("eventSource".equals(name) || "EventSource".equals(name)) && v == JsonToken.VALUE_STRING) {
          source = p.getText();
        }
        p.skipChildren();
      }
      t = p.nextToken();
    }
    while (t != null && t != JsonToken.END_ARRAY) {
      p.skipChildren();
      t = p.nextToken();
    }
    return source;
  }
}
