package dev.warden.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.CharMask;
import dev.warden.detect.Detector;
import dev.warden.extract.Input;
import dev.warden.extract.Source;

/**
 * The two edges of a detector's pre-filter: an ordinary value it skips must really carry no
 * finding, and an attack near the filter's limit must be both found and let through; and its
 * soundness on generated text: no value with a finding is ever skipped.
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

  /** What {@link #neverHides} saw: values with a finding, and values the pre-filter skipped. */
  public record Tally(int findings, int skipped) {}

  /**
   * Generates {@code count} values with {@code text}, inspects each as a query value and asserts
   * that every one with a finding passes the pre-filter. The tally lets the caller require that the
   * generator made enough attacks, and enough text the filter skips, for the check to mean something.
   */
  public static Tally neverHides(Detector detector, int count, java.util.function.Supplier<String> text) {
    int findings = 0;
    int skipped = 0;
    for (int k = 0; k < count; k++) {
      Input in = Input.value(Source.QUERY, "q", text.get());
      boolean may = detector.mayMatch(in, CharMask.of(in.text()));
      if (detector.inspect(in).isPresent()) {
        findings++;
        assertThat(may).as("pre-filter on %s", in.text()).isTrue();
      } else if (!may) {
        skipped++;
      }
    }
    return new Tally(findings, skipped);
  }
}
