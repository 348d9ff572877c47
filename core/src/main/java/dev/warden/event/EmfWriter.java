package dev.warden.event;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes an invocation's {@link InvocationMetrics} as one CloudWatch Embedded Metric Format (EMF)
 * document on one line: namespace {@code Warden}, dimension sets {@code [FunctionName]} and, when
 * a detector fired, {@code [FunctionName, Detector]}; metrics {@code Inspected}, {@code Detected},
 * {@code Blocked}, {@code EgressDenied}, {@code GuardErrors} (Count) and {@code InspectionTime}
 * (Milliseconds). See the EMF specification:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 *
 * <p>The line goes to a {@code Consumer<String>}: by default {@code System.out}, because in Lambda
 * every stdout line becomes a CloudWatch Logs event and CloudWatch extracts metrics from events that
 * are EMF documents. The function name is the only value from outside Warden in the line, and it
 * comes from the Lambda context, not from the event. Thread-safe.
 */
public final class EmfWriter {

  /** The CloudWatch namespace. */
  public static final String NAMESPACE = "Warden";

  private static final String[] COUNTS = {"Inspected", "Detected", "Blocked", "EgressDenied", "GuardErrors"};

  private final Consumer<String> out;
  private final Clock clock;

  /**
   * Prints each line to {@code System.out} (read at each call, so a replaced stream is used). A
   * class rather than a lambda, which would cost a generated class at cold start.
   */
  public static final Consumer<String> STDOUT = new Consumer<>() {
    @Override
    public void accept(String line) {
      System.out.println(line);
    }
  };

  /** Lines to {@code System.out}. */
  public static EmfWriter stdout() {
    return new EmfWriter(STDOUT, Clock.systemUTC());
  }

  public EmfWriter(Consumer<String> out, Clock clock) {
    this.out = Objects.requireNonNull(out, "out");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Writes the document for {@code m}. */
  public void write(InvocationMetrics m) {
    out.accept(render(m, clock.millis()));
  }

  /** The EMF document for {@code m}, stamped {@code epochMillis}, as one line. */
  public static String render(InvocationMetrics m, long epochMillis) {
    String detector = m.detector();
    JsonLine g = new JsonLine(512);
    g.writeStartObject();
    g.writeObjectFieldStart("_aws");
    g.writeNumberField("Timestamp", epochMillis);
    // The metric directives are the same on every line: rendered once.
    g.writeRawField("CloudWatchMetrics", detector == null ? DIRECTIVES : DIRECTIVES_BY_DETECTOR);
    g.writeEndObject();
    g.writeStringField("FunctionName", m.functionName().isEmpty() ? "unknown" : m.functionName());
    if (detector != null) {
      g.writeStringField("Detector", detector);
    }
    g.writeNumberField("Inspected", m.inspected());
    g.writeNumberField("Detected", m.detected());
    g.writeNumberField("Blocked", m.blocked());
    g.writeNumberField("EgressDenied", m.egressDeniedCount());
    g.writeNumberField("GuardErrors", m.guardErrors());
    g.writeMillisField("InspectionTime", m.inspectionNanos());
    if (!m.requestId().isEmpty()) {
      // A property, not a dimension: searchable in Logs Insights, free in CloudWatch Metrics.
      g.writeStringField("RequestId", m.requestId());
    }
    g.writeEndObject();
    return g.toString();
  }

  /** The {@code CloudWatchMetrics} array: dimension sets {@code [FunctionName]}, and with a detector also {@code [FunctionName, Detector]}. */
  private static final String DIRECTIVES = directives(false);
  private static final String DIRECTIVES_BY_DETECTOR = directives(true);

  private static String directives(boolean byDetector) {
    JsonLine g = new JsonLine(400);
    g.writeStartArray();
    g.writeStartObject();
    g.writeStringField("Namespace", NAMESPACE);
    g.writeArrayFieldStart("Dimensions");
    g.writeStartArray();
    g.writeString("FunctionName");
    g.writeEndArray();
    if (byDetector) {
      g.writeStartArray();
      g.writeString("FunctionName");
      g.writeString("Detector");
      g.writeEndArray();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("Metrics");
    for (String name : COUNTS) {
      metric(g, name, "Count");
    }
    metric(g, "InspectionTime", "Milliseconds");
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
    return g.toString();
  }

  private static void metric(JsonLine g, String name, String unit) {
    g.writeStartObject();
    g.writeStringField("Name", name);
    g.writeStringField("Unit", unit);
    g.writeEndObject();
  }
}
