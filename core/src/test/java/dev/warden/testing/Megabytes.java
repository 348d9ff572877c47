package dev.warden.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.Detector;
import dev.warden.extract.Input;
import dev.warden.extract.Source;

/**
 * Hostile megabyte values for one detector: each unit repeated to about 1 MB, as is and behind
 * one ordinary character (so a scanner cannot rely on the run starting the value). The detector
 * must answer every one and stay silent on the empty value; the wall-clock limit (2 s per unit)
 * is only a backstop against super-linear scans, never a speed target.
 */
public final class Megabytes {

  private Megabytes() {}

  public static void assertBounded(Detector detector, String... units) {
    long start = System.nanoTime();
    for (String u : units) {
      String big = u.repeat(1_000_000 / u.length());
      assertThat(detector.inspect(Input.value(Source.BODY, "body", big))).as("%s x1MB", u).isNotNull();
      assertThat(detector.inspect(Input.value(Source.BODY, "body", "a" + big))).as("a + %s x1MB", u).isNotNull();
    }
    assertThat(detector.inspect(Input.value(Source.BODY, "body", ""))).isEmpty();
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L * units.length);
  }
}
