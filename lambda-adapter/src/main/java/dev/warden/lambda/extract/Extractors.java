package dev.warden.lambda.extract;

import dev.warden.extract.InputCollector;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The built-in extractors, looked up by event class; anything unknown is walked generically.
 * Immutable and thread-safe.
 *
 * <p>Extractors are made on first use and looked up by class name: a function that only receives
 * one trigger loads that trigger's extractor and event class at its cold start, not all twelve.
 */
public final class Extractors {

  private static final Extractor<Object> GENERIC = new GenericExtractor();

  /** Binary names of the event classes with a built-in extractor; index as in {@link #create}. */
  private static final String[] TYPES = {
    "com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent",
    "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
    "com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent",
    "com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent",
    "com.amazonaws.services.lambda.runtime.events.SQSEvent",
    "com.amazonaws.services.lambda.runtime.events.SNSEvent",
    "com.amazonaws.services.lambda.runtime.events.S3Event",
    "com.amazonaws.services.lambda.runtime.events.DynamodbEvent",
    "com.amazonaws.services.lambda.runtime.events.KinesisEvent",
    "com.amazonaws.services.lambda.runtime.events.KafkaEvent",
    "com.amazonaws.services.lambda.runtime.events.ScheduledEvent",
    "com.amazonaws.services.lambda.runtime.events.CloudWatchLogsEvent",
  };

  private final AtomicReferenceArray<Extractor<?>> made = new AtomicReferenceArray<>(TYPES.length);

  private Extractors() {}

  /** Every built-in extractor. */
  public static Extractors standard() {
    return new Extractors();
  }

  private static Extractor<?> create(int i) {
    switch (i) {
      case 0: return new RestApiExtractor();
      case 1: return new HttpApiExtractor();
      case 2: return new AlbExtractor();
      case 3: return new WebSocketExtractor();
      case 4: return new SqsExtractor();
      case 5: return new SnsExtractor();
      case 6: return new S3Extractor();
      case 7: return new DynamodbExtractor();
      case 8: return new KinesisExtractor();
      case 9: return new KafkaExtractor();
      case 10: return new ScheduledEventExtractor();
      case 11: return new CloudWatchLogsExtractor();
      default: throw new IllegalArgumentException("no extractor " + i);
    }
  }

  /**
   * The built-in extractor for exactly {@code type}, or null. Matched by name, then confirmed by
   * identity: a class of the same name from another class loader is not the one the extractor
   * reads, and gets none.
   */
  private Extractor<?> exact(Class<?> type) {
    String name = type.getName();
    for (int i = 0; i < TYPES.length; i++) {
      if (TYPES[i].equals(name)) {
        Extractor<?> e = made.get(i);
        if (e == null) {
          e = create(i);
          if (!made.compareAndSet(i, null, e)) {
            e = made.get(i);
          }
        }
        return e.type() == type ? e : null;
      }
    }
    return null;
  }

  /** The extractor for this event's class (or a superclass), else the generic walker. */
  @SuppressWarnings("unchecked")
  public <T> Extractor<T> forEvent(T event) {
    if (event == null) {
      return (Extractor<T>) GENERIC;
    }
    for (Class<?> c = event.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      Extractor<?> e = exact(c);
      if (e != null) {
        return (Extractor<T>) e;
      }
    }
    return (Extractor<T>) GENERIC;
  }

  /** Whether a dedicated extractor exists for this class. */
  public boolean supports(Class<?> type) {
    return exact(type) != null;
  }

  /** Convenience: extract {@code event} into {@code out} with its extractor. */
  public <T> Extractor<T> extract(T event, InputCollector out) {
    Extractor<T> e = forEvent(event);
    e.extract(event, out);
    return e;
  }
}
