package dev.warden.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.CharMask;
import dev.warden.detect.Detector;
import dev.warden.extract.Input;
import dev.warden.extract.Source;

/**
 * The two edges of a detector's pre-filter: an ordinary value it skips must really carry no
 * finding, and an attack near the filter's limit must be both found and let through.
 */
public final class PrefilterEdges {

  private PrefilterEdges() {}

  /** {@code value} has no finding and the pre-filter skips it. */
  public static void skips(Detector detector, String value) {
    Input in = Input.value(Source.HEADER, "header.x", value);
    assertThat(detector.inspect(in)).as("finding on " + value).isEmpty();
    assertThat(detector.mayMatch(in, CharMask.of(value))).as("pre-filter on " + value).isFalse();
  }

  /** {@code value} has a finding and the pre-filter lets it through. */
  public static void passes(Detector detector, String value) {
    Input in = Input.value(Source.HEADER, "header.x", value);
    assertThat(detector.inspect(in)).as("finding on " + value).isPresent();
    assertThat(detector.mayMatch(in, CharMask.of(value))).as("pre-filter on " + value).isTrue();
  }
}
