package dev.warden.lambda.extract;

import dev.warden.extract.InputCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in extractors, looked up by event class; anything unknown is walked generically.
 * Immutable and thread-safe.
 */
public final class Extractors {

  private static final Extractor<Object> GENERIC = new GenericExtractor();

  private final Map<Class<?>, Extractor<?>> byType;

  private Extractors(List<Extractor<?>> extractors) {
    Map<Class<?>, Extractor<?>> m = new LinkedHashMap<>();
    for (Extractor<?> e : extractors) {
      m.put(e.type(), e);
    }
    this.byType = Map.copyOf(m);
  }

  /** Every built-in extractor. */
  public static Extractors standard() {
    return new Extractors(List.of(new RestApiExtractor(), new HttpApiExtractor(), new AlbExtractor(),
        new WebSocketExtractor(), new SqsExtractor(), new SnsExtractor(), new S3Extractor(),
        new DynamodbExtractor(), new KinesisExtractor(), new KafkaExtractor(), new ScheduledEventExtractor(),
        new CloudWatchLogsExtractor()));
  }

  /** The extractor for this event's class (or a superclass), else the generic walker. */
  @SuppressWarnings("unchecked")
  public <T> Extractor<T> forEvent(T event) {
    if (event == null) {
      return (Extractor<T>) GENERIC;
    }
    for (Class<?> c = event.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      Extractor<?> e = byType.get(c);
      if (e != null) {
        return (Extractor<T>) e;
      }
    }
    return (Extractor<T>) GENERIC;
  }

  /** Whether a dedicated extractor exists for this class. */
  public boolean supports(Class<?> type) {
    return byType.containsKey(type);
  }

  /** Convenience: extract {@code event} into {@code out} with its extractor. */
  public <T> Extractor<T> extract(T event, InputCollector out) {
    Extractor<T> e = forEvent(event);
    e.extract(event, out);
    return e;
  }
}
