package dev.warden.detect;

import dev.warden.event.Evidence;
import dev.warden.extract.Input;
import dev.warden.extract.Source;
import java.util.Objects;

/**
 * What a detector saw: which detector and rule fired, where, and a short redacted excerpt.
 *
 * <p>{@code evidence} is already bounded, neutralised against log injection and stripped of
 * secret shapes (see {@link Evidence}); it is safe to log. Immutable.
 */
public record Finding(String detector, String rule, Source source, String location, String evidence) {

  public Finding {
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(evidence, "evidence");
  }

  /**
   * A finding on {@code in} whose suspicious part is {@code text[start, end)}; the evidence is an
   * excerpt around that span.
   */
  public static Finding of(String detector, String rule, Input in, int start, int end) {
    return new Finding(detector, rule, in.source(), in.path(), Evidence.excerpt(in.text(), start, end));
  }

  /** A finding whose evidence is the start of the input. */
  public static Finding of(String detector, String rule, Input in) {
    return of(detector, rule, in, 0, Math.min(in.text().length(), Evidence.MAX_CHARS));
  }
}
